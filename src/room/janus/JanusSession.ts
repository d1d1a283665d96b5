/**
 * One Janus session on a {@link JanusSocket}, and the plugin handles attached to it: what a
 * member's publisher, subscription and text room each talk through. A handle sees only the
 * events Janus addresses to it (`sender`), so the three never read each other's mail.
 */
import { filter, firstValueFrom, map, type Observable } from 'rxjs';
import { RoomError } from '../RoomError.ts';
import type { JanusReply, JanusSocket } from './JanusSocket.ts';
import type { JanusMessage } from './janusWire.ts';

/** An SDP as Janus carries it (`jsep`). */
export interface JanusJsep {
  readonly type: 'offer' | 'answer';
  readonly sdp: string;
}

/** What a plugin answered: its data (`plugindata.data`) and the SDP that came with it, if any. */
export interface PluginReply {
  readonly data: Readonly<Record<string, unknown>>;
  readonly jsep: JanusJsep | undefined;
}

/** One plugin handle: requests to the plugin, and the events the plugin sends it unasked. */
export interface JanusHandle {
  readonly id: number;
  /** Unsolicited messages for this handle: plugin `event`s, `webrtcup`, `hangup`, `media`, `slowlink`, `detached`. */
  readonly events$: Observable<JanusMessage>;
  /**
   * Sends `body` to the plugin (with `jsep` when there is one) and resolves with its answer;
   * rejects with a `JanusError` when the plugin refuses, a `signaling-unavailable` RoomError
   * when the socket goes first.
   */
  request(body: Readonly<Record<string, unknown>>, jsep?: JanusJsep): Promise<PluginReply>;
  /** Tells Janus the offer or answer sent held every candidate (half-trickle: without it Janus waits). */
  trickleCompleted(): void;
}

/**
 * Creates a session on `socket` and resolves with it.
 *
 * @example
 * ```ts
 * import { JanusSocket } from './JanusSocket.ts';
 * const session = await openJanusSession(new JanusSocket('ws://10.201.0.1:8188'));
 * const handle = await session.attach('janus.plugin.videoroom');
 * const { data } = await handle.request({ request: 'exists', room: 1234 });
 * ```
 */
export async function openJanusSession(socket: JanusSocket): Promise<JanusSession> {
  const reply = await firstValueFrom(socket.request({ janus: 'create' }));
  return new JanusSession(socket, idOf(reply, 'create'));
}

export class JanusSession {
  readonly id: number;
  readonly #socket: JanusSocket;

  /** Use {@link openJanusSession}. */
  constructor(socket: JanusSocket, id: number) {
    this.#socket = socket;
    this.id = id;
  }

  /**
   * Attaches a handle to `plugin` (`janus.plugin.videoroom`, `janus.plugin.textroom`).
   *
   * @example
   * ```ts
   * declare const session: JanusSession;
   * const textRoom = await session.attach('janus.plugin.textroom');
   * ```
   */
  async attach(plugin: string): Promise<JanusHandle> {
    const reply = await firstValueFrom(this.#socket.request({ janus: 'attach', session_id: this.id, plugin }));
    const handleId = idOf(reply, 'attach');
    const socket = this.#socket;
    const session = this.id;
    return {
      id: handleId,
      events$: socket.events$.pipe(filter((message) => 'sender' in message && message.sender === handleId)),
      request: (body, jsep) =>
        firstValueFrom(
          socket
            .request({ janus: 'message', session_id: session, handle_id: handleId, body, ...(jsep ? { jsep } : {}) })
            .pipe(map(pluginReply)),
        ),
      trickleCompleted: () =>
        socket
          .request({ janus: 'trickle', session_id: session, handle_id: handleId, candidate: { completed: true } })
          // A refused trickle shows as the handle's ICE failing (hangup); nothing to add here.
          .subscribe({ error: () => undefined }),
    };
  }

  /**
   * Ends the session on the server (its handles and their PeerConnections with it). Never
   * rejects: a session whose socket is gone has ended already.
   *
   * @example
   * ```ts
   * declare const session: JanusSession;
   * await session.destroy();
   * ```
   */
  async destroy(): Promise<void> {
    await firstValueFrom(this.#socket.request({ janus: 'destroy', session_id: this.id }), { defaultValue: undefined }).catch(
      () => undefined,
    );
  }
}

function idOf(reply: JanusReply, what: string): number {
  if (reply.janus === 'success' && reply.data) return reply.data.id;
  throw new RoomError('join-failed', `Janus answered "${what}" without an ID`);
}

function pluginReply(reply: JanusReply): PluginReply {
  if (reply.janus === 'ack' || !reply.plugindata) throw new RoomError('join-failed', 'Janus answered a plugin request without its data');
  return { data: reply.plugindata.data, jsep: reply.janus === 'event' ? reply.jsep : undefined };
}
