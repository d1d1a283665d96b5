/**
 * peerstage's own messages between two peers through the signaling server, for when the
 * peers' own path is down: an ICE restart's offer, answer and candidates (IceRestarts.ts), and "are you
 * still there?" (`PeerSession.reachable`). A stock PeerServer relays only PeerJS's message
 * types, so these ride in `CANDIDATE` messages without a `connectionId`, which PeerJS itself
 * passes over (it would only log them, at its debug level 2). The server sets `src`: a post
 * says truly who sent it. Everything else about it is the sender's word, validated here.
 */
import * as v from 'valibot';
import { type Observable, Subject } from 'rxjs';
import { ConnectionError } from './errors.ts';

/** What a connection ID from PeerJS looks like at most (`mc_` or `dc_` and a random string). */
const MAX_CONNECTION_ID = 64;
/**
 * An SDP with every candidate of a room's call is a few KiB; the server reads no message over
 * 64 KiB (attachSignaling.ts). Larger is not an offer this side wants to parse.
 */
export const MAX_POSTED_SDP = 32 * 1024;

const connectionId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CONNECTION_ID));
const generation = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const sdp = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_POSTED_SDP));
const nonce = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** One ICE candidate as `RTCIceCandidate.toJSON()` has it; an `a=candidate` line is ~100–200 characters. */
const candidate = v.strictObject({
  candidate: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  sdpMid: v.nullable(v.pipe(v.string(), v.maxLength(64))),
  sdpMLineIndex: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(1023))),
  usernameFragment: v.nullable(v.pipe(v.string(), v.maxLength(256))),
});

const postSchema = v.variant('kind', [
  /** The dialing side's offer to restart ICE on one connection (its candidates inside). */
  v.strictObject({ kind: v.literal('restart-offer'), connectionId, generation, sdp }),
  /** The answer to the offer of the same `generation`. */
  v.strictObject({ kind: v.literal('restart-answer'), connectionId, generation, sdp }),
  /** A candidate the sender found for its side of restart `generation`, after its offer or answer. */
  v.strictObject({ kind: v.literal('restart-candidate'), connectionId, generation, candidate }),
  v.strictObject({ kind: v.literal('probe'), nonce }),
  v.strictObject({ kind: v.literal('probe-reply'), nonce }),
]);

export type Post = v.InferOutput<typeof postSchema>;
export type PostOf<K extends Post['kind']> = Extract<Post, { kind: K }>;

/** A post and who sent it, as the signaling server says. */
export interface ReceivedPost {
  readonly from: string;
  readonly post: Post;
}

/** The part of PeerJS's socket to its server that posts use (`Peer.socket`). */
export interface PostSocket {
  send(message: { type: string; dst: string; payload: unknown }): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The key a post sits under in a `CANDIDATE` message's payload. */
const POST_KEY = 'peerstage';

/**
 * The posts of one PeerJS socket: `send` one, read the valid ones from `received$`, and the
 * refused ones (from a peer that sent something else under peerstage's key) from `refused$`.
 *
 * @example
 * ```ts
 * const post = new SignalingPost(peerJs.socket);
 * post.received$.subscribe(({ from, post: asked }) => asked.kind === 'probe' && post.send(from, { kind: 'probe-reply', nonce: asked.nonce }));
 * ```
 */
export class SignalingPost {
  readonly received$: Observable<ReceivedPost>;
  readonly refused$: Observable<ConnectionError>;
  readonly #socket: PostSocket;
  readonly #received = new Subject<ReceivedPost>();
  readonly #refused = new Subject<ConnectionError>();

  constructor(socket: PostSocket) {
    this.#socket = socket;
    this.received$ = this.#received.asObservable();
    this.refused$ = this.#refused.asObservable();
    socket.on('message', this.#onMessage);
  }

  /**
   * Sends `post` to peer `to` through the server; dropped if the socket is not open (PeerJS
   * sends nothing then): every post is asked again or answered again later.
   *
   * @example
   * ```ts
   * declare const post: SignalingPost;
   * post.send('bob', { kind: 'probe', nonce: crypto.randomUUID() });
   * ```
   */
  send(to: string, post: Post): void {
    this.#socket.send({ type: 'CANDIDATE', dst: to, payload: { [POST_KEY]: post } });
  }

  /** Stops reading the socket. */
  dispose(): void {
    this.#socket.off('message', this.#onMessage);
    this.#received.complete();
    this.#refused.complete();
  }

  readonly #onMessage = (message: unknown): void => {
    const posted = postedIn(message);
    if (!posted) return;
    const parsed = v.safeParse(postSchema, posted.body);
    if (parsed.success) this.#received.next({ from: posted.from, post: parsed.output });
    else
      this.#refused.next(
        new ConnectionError(
          'malformed',
          posted.from,
          `${posted.from} posted something peerstage does not send: ${parsed.issues[0].message}`,
        ),
      );
  };
}

/** The post in a server message, if it is one: a `CANDIDATE` with peerstage's key and no connection. */
function postedIn(message: unknown): { from: string; body: unknown } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, src, payload } = message as { type?: unknown; src?: unknown; payload?: unknown };
  if (type !== 'CANDIDATE' || typeof src !== 'string' || typeof payload !== 'object' || payload === null) return undefined;
  if (!(POST_KEY in payload) || 'connectionId' in payload) return undefined;
  return { from: src, body: (payload as Record<string, unknown>)[POST_KEY] };
}
