/**
 * The room's messages on Janus: the TextRoom of the same number, one data channel per member to
 * the server, so every message takes one ordered path and arrives once at each member. Janus
 * stamps each message with its sender's `username` (the member ID), which a member cannot set
 * on another's messages.
 */
import { Subject } from 'rxjs';
import { RoomError } from '../RoomError.ts';
import { JanusError, TEXTROOM_PLUGIN } from './JanusError.ts';
import type { JanusHandle, JanusSession } from './JanusSession.ts';
import { gatheredDescription } from './gatheredDescription.ts';
import { readTextRoomNews } from './textRoomNews.ts';

/** Janus's TextRoom codes this side acts on: 418 room exists (someone created it first). */
const ROOM_EXISTS = 418;

export interface TextRoomPlace {
  readonly room: number;
  readonly pin: string | null;
  readonly username: string;
  readonly display: string | undefined;
  readonly iceServers: readonly RTCIceServer[];
}

/** A message as the TextRoom delivered it: the sender's username, its text, and whether it was for this member alone. */
export interface TextRoomMessage {
  readonly from: string;
  readonly text: string;
  readonly whisper: boolean;
}

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: RoomError) => void;
}

export class JanusTextRoom {
  /** Messages from other members (never this member's own). */
  readonly messages$ = new Subject<TextRoomMessage>();
  /** Frames that could not be read; the room goes on. */
  readonly errors$ = new Subject<RoomError>();

  readonly #pc: RTCPeerConnection;
  readonly #channel: RTCDataChannel;
  readonly #place: TextRoomPlace;
  readonly #waiting = new Map<string, Waiting>();
  #sequence = 0;

  private constructor(pc: RTCPeerConnection, channel: RTCDataChannel, place: TextRoomPlace) {
    this.#pc = pc;
    this.#channel = channel;
    this.#place = place;
    channel.addEventListener('message', this.#receive);
    channel.addEventListener('close', this.#closed);
  }

  /**
   * Attaches a TextRoom handle on `session`, creates the room with its pin if it is not there,
   * opens the data channel and joins as `place.username`. Rejects with a `JanusError`
   * (`wrong-passphrase` for a wrong pin) or a `join-failed` RoomError, or as `until` does when
   * it rejects first (the socket went: the channel would never say so), closing what it opened.
   *
   * @example
   * ```ts
   * import type { JanusSession } from './JanusSession.ts';
   * declare const session: JanusSession;
   * const text = await JanusTextRoom.join(session, { room: 42, pin: null, username: '7', display: 'Ada', iceServers: [] });
   * text.messages$.subscribe(({ from, text }) => console.log(from, text));
   * await text.send('{"hello":1}');
   * ```
   */
  static async join(
    session: JanusSession,
    place: TextRoomPlace,
    until: Promise<never> = new Promise(() => undefined),
  ): Promise<JanusTextRoom> {
    const handle = await session.attach(TEXTROOM_PLUGIN);
    await createIfAbsent(handle, place);
    const setup = await handle.request({ request: 'setup' });
    if (!setup.jsep) throw new RoomError('join-failed', 'the Janus TextRoom offered no data channel');
    const pc = new RTCPeerConnection({ iceServers: [...place.iceServers] });
    try {
      await pc.setRemoteDescription(setup.jsep);
      // The channel this side opens, with the label Janus's own client uses, is the one to send on.
      const channel = pc.createDataChannel('JanusDataChannel');
      const answer = await gatheredDescription(pc, await pc.createAnswer());
      await handle.request({ request: 'ack' }, answer);
      handle.trickleCompleted();
      await Promise.race([opened(channel), until]);
      const room = new JanusTextRoom(pc, channel, place);
      // Janus also opens a channel towards this side; what arrives on either is read alike.
      pc.addEventListener('datachannel', ({ channel: incoming }) => incoming.addEventListener('message', room.#receive));
      await Promise.race([
        room.#request({
          textroom: 'join',
          room: place.room,
          ...(place.pin ? { pin: place.pin } : {}),
          username: place.username,
          display: place.display ?? '',
        }),
        until,
      ]);
      return room;
    } catch (error) {
      pc.close();
      throw error;
    }
  }

  /**
   * Sends `text` to every member, or to the member whose username is `to`; resolves once Janus
   * took it, rejects with a `send-failed` RoomError when it did not.
   *
   * @example
   * ```ts
   * declare const text: JanusTextRoom;
   * await text.send(JSON.stringify({ chat: 'hi' }), '42');
   * ```
   */
  send(text: string, to?: string): Promise<void> {
    return this.#request({ textroom: 'message', room: this.#place.room, text, ack: true, ...(to === undefined ? {} : { to }) }).catch(
      (cause: unknown) => {
        throw new RoomError('send-failed', `the Janus TextRoom did not take a message${to ? ` to ${to}` : ''}`, { cause, peerId: to });
      },
    );
  }

  /** Closes the channel and its PeerConnection (Janus lets the others know this member left). Idempotent. */
  close(): void {
    this.#channel.removeEventListener('close', this.#closed);
    this.#pc.close();
    this.#fail(new RoomError('send-failed', 'the room was left'));
    this.messages$.complete();
    this.errors$.complete();
  }

  #request(body: Readonly<Record<string, unknown>>): Promise<void> {
    const transaction = `t${++this.#sequence}`;
    return new Promise<void>((resolve, reject) => {
      if (this.#channel.readyState !== 'open') {
        reject(new RoomError('send-failed', 'the Janus TextRoom channel is closed'));
        return;
      }
      this.#waiting.set(transaction, { resolve, reject });
      this.#channel.send(JSON.stringify({ ...body, transaction }));
    });
  }

  readonly #receive = (event: MessageEvent): void => {
    const news = readTextRoomNews(event.data);
    if (news instanceof RoomError) {
      this.errors$.next(news);
      return;
    }
    if (news.textroom === 'success' || news.textroom === 'error') {
      const waiting = news.transaction === undefined ? undefined : this.#waiting.get(news.transaction);
      if (!waiting || news.transaction === undefined) return;
      this.#waiting.delete(news.transaction);
      if (news.textroom === 'success') waiting.resolve();
      else waiting.reject(new JanusError(news.error_code, news.error, TEXTROOM_PLUGIN));
      return;
    }
    if (news.textroom === 'message' && news.from !== this.#place.username) {
      this.messages$.next({ from: news.from, text: news.text, whisper: news.whisper });
    }
  };

  readonly #closed = (): void => this.#fail(new RoomError('send-failed', 'the Janus TextRoom channel closed'));

  #fail(error: RoomError): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const { reject } of waiting) reject(error);
  }
}

async function createIfAbsent(handle: JanusHandle, place: TextRoomPlace): Promise<void> {
  const { data } = await handle.request({ request: 'exists', room: place.room });
  if (data.exists === true) return;
  try {
    await handle.request({ request: 'create', room: place.room, is_private: true, ...(place.pin ? { pin: place.pin } : {}) });
  } catch (error) {
    if (!(error instanceof JanusError && error.code === ROOM_EXISTS)) throw error;
  }
}

function opened(channel: RTCDataChannel): Promise<void> {
  if (channel.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    channel.addEventListener('open', () => resolve(), { once: true });
    channel.addEventListener('close', () => reject(new RoomError('join-failed', 'the Janus TextRoom channel closed before it opened')), {
      once: true,
    });
  });
}
