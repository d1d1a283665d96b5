/**
 * Keeps connections through a lost path: when a connection's ICE stays disconnected (the relay
 * went away, an interface went down, Wi-Fi dropped) the side that dialed restarts ICE, again
 * and again until a path is back, on the very RTCPeerConnection: its calls, tracks, data
 * channels and their queued messages carry on, and nothing is dialed again.
 *
 * PeerJS neither restarts ICE nor lets anyone renegotiate (a second offer closes the
 * connection), and the pair's own channels ride the path that is down. So the offer, the
 * answer and the candidates each side finds go through the signaling server as posts of
 * peerstage's own (signalingPost.ts; the negotiation itself is KeptConnection.ts). A kept
 * connection is closed after `giveUpAfterMs` without a path, or sooner when the other side no
 * longer restarts or answers; one whose ICE fails PeerJS closes, as before.
 */
import { Subscription } from 'rxjs';
import { KeptConnection } from './KeptConnection.ts';
import type { SignalingPost } from './signalingPost.ts';

export interface IceRestartPolicy {
  /** How long ICE may be `disconnected` before a restart: a short blip mends itself. */
  readonly disconnectedGraceMs: number;
  /** Between two restarts while no path is found; also how long an answer is waited for. */
  readonly retryMs: number;
  /** A connection without a path this long is closed, however long the other side keeps trying. */
  readonly giveUpAfterMs: number;
}

/**
 * Media resumes at most about `retryMs` after a path comes back (the next restart finds it, if
 * the last one's checks did not), well inside the 5 s a room promises; the grace lets a blip
 * of a second or two mend without any signaling. While a path is down each connection posts
 * an offer and an answer of a few KiB per `retryMs`: a room of eight keeps well inside the
 * signaling server's budget (guardSignalingSocket.ts).
 */
export const DEFAULT_ICE_RESTART: IceRestartPolicy = {
  disconnectedGraceMs: 1_500,
  retryMs: 2_500,
  giveUpAfterMs: 60_000,
};

/** What a kept connection is: PeerJS's `DataConnection` or `MediaConnection`. */
export interface RestartableConnection {
  readonly peer: string;
  readonly connectionId: string;
  readonly peerConnection: RTCPeerConnection;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  close(): void;
}

/** `offerer`: this side dialed the connection and restarts it; `answerer`: it answers restarts. */
export type RestartRole = 'offerer' | 'answerer';

/**
 * The ICE restarts of one peer's connections, negotiated through `post`.
 *
 * @example
 * ```ts
 * import { SignalingPost } from './signalingPost.ts';
 * const restarts = new IceRestarts(new SignalingPost(peerJs.socket));
 * const connection = peerJs.call('bob', stream);
 * restarts.keep(connection, 'offerer');
 * ```
 */
export class IceRestarts {
  readonly #post: SignalingPost;
  readonly #policy: IceRestartPolicy;
  /** Kept connections by remote peer and connection ID. */
  readonly #kept = new Map<string, KeptConnection>();
  readonly #owned = new Subscription();

  readonly #iceServers: (() => readonly RTCIceServer[] | undefined) | undefined;

  /**
   * `iceServers`: the servers a restart should gather with, when they are renewed (TURN REST
   * credentials expire): asked before each restart and answer.
   */
  constructor(post: SignalingPost, policy: IceRestartPolicy = DEFAULT_ICE_RESTART, iceServers?: () => readonly RTCIceServer[] | undefined) {
    this.#post = post;
    this.#policy = policy;
    this.#iceServers = iceServers;
    this.#owned.add(
      post.received$.subscribe(({ from: sender, post: received }) => {
        if (received.kind === 'probe' || received.kind === 'probe-reply') return;
        // Only the connection's own remote peer may restart it: the server vouches for `from`.
        this.#kept.get(keyOf(sender, received.connectionId))?.receive(received);
      }),
    );
  }

  /**
   * Keeps `connection` through lost paths from its first connected moment until it closes (its
   * first negotiation is PeerJS's). The side that dialed it is its `offerer`.
   *
   * @example
   * ```ts
   * declare const restarts: IceRestarts;
   * peerJs.on('call', (incoming) => {
   *   incoming.answer();
   *   restarts.keep(incoming, 'answerer');
   * });
   * ```
   */
  keep(connection: RestartableConnection, role: RestartRole): void {
    const key = keyOf(connection.peer, connection.connectionId);
    if (this.#kept.has(key)) return;
    const kept = new KeptConnection(connection, role, { post: this.#post, policy: this.#policy, iceServers: this.#iceServers });
    this.#kept.set(key, kept);
    const release = () => {
      connection.off('close', release);
      // A long session makes many connections: nothing of a closed one stays behind.
      this.#owned.remove(release);
      kept.dispose();
      if (this.#kept.get(key) === kept) this.#kept.delete(key);
    };
    connection.on('close', release);
    this.#owned.add(release);
  }

  /** Stops keeping every connection (they stay open). */
  dispose(): void {
    this.#owned.unsubscribe();
  }
}

function keyOf(peer: string, connectionId: string): string {
  return `${peer}\n${connectionId}`;
}
