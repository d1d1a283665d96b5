/**
 * One WebSocket to a Janus server (subprotocol `janus-protocol`): requests matched to their
 * answers by transaction, unsolicited events passed on, keepalives for the sessions it made.
 *
 * How Janus answers (docs/janus-notes.md): `create`, `attach`, `destroy`, `detach` answer
 * `success` (or `error`); `keepalive` and `trickle` answer `ack`; a plugin `message` answers
 * `success` with the plugin's data when the plugin answers at once (create, exists, list…),
 * else `ack` and later an `event` with the same transaction (join, publish, start…). A plugin
 * refuses with `error_code` in that `success` or `event`. Events without a transaction are
 * unsolicited; anything with a transaction this side is not waiting for is dropped.
 */
import { BehaviorSubject, Observable, Subject, type Subscriber } from 'rxjs';
import { RoomError } from '../RoomError.ts';
import { JanusError } from './JanusError.ts';
import { decodeJanusFrame, type JanusMessage, type JanusMessageOf } from './janusWire.ts';

export const JANUS_SUBPROTOCOL = 'janus-protocol';
/**
 * Keepalive period of each session. Janus ends a session after `session_timeout` (60 s by
 * default; the transport's servers use 15 s, so a vanished member goes soon): a third of it.
 */
export const DEFAULT_KEEPALIVE_MS = 5_000;

/** What a request answers with: the `success`, the plugin's `event` after an `ack`, or the `ack` of a keepalive or trickle. */
export type JanusReply = JanusMessageOf<'success' | 'ack' | 'event'>;
/** A request as sent, without its transaction (added here). */
export type JanusRequest = { readonly janus: string; readonly session_id?: number; readonly handle_id?: number } & Readonly<
  Record<string, unknown>
>;
/** What the socket needs of a WebSocket (a test passes a fake). */
export interface JanusWebSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: (typeof EVENTS)[number], listener: (event: Event) => void): void;
  removeEventListener(type: (typeof EVENTS)[number], listener: (event: Event) => void): void;
}
export type JanusSocketState = 'connecting' | 'open' | 'closed';

export interface JanusSocketOptions {
  /** Opens the WebSocket; tests pass a fake. Default: `new WebSocket(url, protocol)`. */
  readonly createSocket?: (url: string, protocol: string) => JanusWebSocket;
  /** How often each session gets a keepalive, in ms. Default {@link DEFAULT_KEEPALIVE_MS}. */
  readonly keepaliveMs?: number;
}

type Phase =
  | { readonly phase: 'connecting'; readonly socket: JanusWebSocket; readonly queued: string[] }
  | { readonly phase: 'open'; readonly socket: JanusWebSocket }
  | { readonly phase: 'closed'; readonly error: RoomError };

interface Pending {
  readonly request: JanusRequest;
  readonly subscriber: Subscriber<JanusReply>;
}

const OPEN = 1;
const EVENTS = ['open', 'message', 'close', 'error'] as const;

export class JanusSocket {
  /** `connecting`, then `open`, then `closed` (and complete): replays the current one. */
  readonly state$: Observable<JanusSocketState>;
  /** Unsolicited messages (no transaction): plugin events, `webrtcup`, `hangup`, `media`, `slowlink`, `detached`, `timeout`. */
  readonly events$: Observable<JanusMessage>;
  /** Frames from the server that are no Janus message, each dropped (`malformed-message`, `message-too-large`, `unknown-message`). */
  readonly errors$: Observable<RoomError>;

  readonly #url: string;
  readonly #keepaliveMs: number;
  readonly #state = new BehaviorSubject<JanusSocketState>('connecting');
  readonly #events = new Subject<JanusMessage>();
  readonly #errors = new Subject<RoomError>();
  readonly #pending = new Map<string, Pending>();
  readonly #sessions = new Set<number>();
  #keepalive: ReturnType<typeof setInterval> | undefined;
  #phase: Phase;

  /**
   * Opens the socket to `url` (`ws:` or `wss:`). Throws a `TypeError` for another URL, a
   * `RangeError` for a keepalive period that is not a positive number of ms.
   *
   * @example
   * ```ts
   * const socket = new JanusSocket('ws://127.0.0.1:8188');
   * socket.request({ janus: 'create' }).subscribe((reply) => console.log(reply.janus));
   * socket.dispose();
   * ```
   */
  constructor(url: string, options: JanusSocketOptions = {}) {
    const { createSocket = (at, protocol) => new WebSocket(at, protocol), keepaliveMs = DEFAULT_KEEPALIVE_MS } = options;
    if (!/^wss?:\/\/./i.test(url)) throw new TypeError(`JanusSocket: url must be a ws: or wss: URL, not ${JSON.stringify(url)}`);
    if (!(Number.isFinite(keepaliveMs) && keepaliveMs > 0)) {
      throw new RangeError(`JanusSocket: keepaliveMs must be a positive number, not ${keepaliveMs}`);
    }
    this.#url = url;
    this.#keepaliveMs = keepaliveMs;
    this.state$ = this.#state.asObservable();
    this.events$ = this.#events.asObservable();
    this.errors$ = this.#errors.asObservable();
    const socket = createSocket(url, JANUS_SUBPROTOCOL);
    this.#phase = { phase: 'connecting', socket, queued: [] };
    for (const type of EVENTS) socket.addEventListener(type, this.#listener);
  }

  /**
   * Sends `body` with a fresh transaction when subscribed, emits its answer and completes; errors
   * with a {@link JanusError} when Janus refuses, or a `signaling-unavailable` RoomError when the
   * socket closes first. Unsubscribing forgets the request (a late answer is dropped).
   *
   * @example
   * ```ts
   * declare const socket: JanusSocket;
   * socket.request({ janus: 'attach', session_id: 1, plugin: 'janus.plugin.videoroom' }).subscribe({
   *   next: (reply) => console.log(reply.janus === 'success' && reply.data?.id),
   *   error: (error: RoomError) => console.warn(error.reason),
   * });
   * ```
   */
  request(body: JanusRequest): Observable<JanusReply> {
    return new Observable<JanusReply>((subscriber) => {
      if (this.#phase.phase === 'closed') {
        subscriber.error(this.#phase.error);
        return;
      }
      const transaction = newTransaction();
      this.#pending.set(transaction, { request: body, subscriber });
      this.#send(JSON.stringify({ ...body, transaction }));
      return () => this.#pending.delete(transaction);
    });
  }

  /**
   * Closes the socket (which ends its sessions on the server), stops the keepalives, errors every
   * pending request with `signaling-unavailable`, completes the streams. Idempotent.
   *
   * @example
   * ```ts
   * declare const socket: JanusSocket;
   * socket.dispose();
   * ```
   */
  dispose(): this {
    this.#close(new RoomError('signaling-unavailable', `the socket to ${this.#url} was closed by this side`), true);
    return this;
  }

  readonly #listener = (event: Event): void => {
    if (event.type === 'open') this.#opened();
    else if (event.type === 'message') this.#receive((event as MessageEvent).data);
    else {
      const code = (event as Partial<CloseEvent>).code;
      const how = event.type === 'error' ? 'failed' : `closed${code === undefined ? '' : ` (${code})`}`;
      this.#close(new RoomError('signaling-unavailable', `the socket to Janus at ${this.#url} ${how}`), false);
    }
  };

  #opened(): void {
    if (this.#phase.phase !== 'connecting') return;
    const { socket, queued } = this.#phase;
    this.#phase = { phase: 'open', socket };
    this.#state.next('open');
    for (const frame of queued) socket.send(frame);
  }

  #send(frame: string): void {
    if (this.#phase.phase === 'connecting') this.#phase.queued.push(frame);
    else if (this.#phase.phase === 'open' && this.#phase.socket.readyState === OPEN) this.#phase.socket.send(frame);
  }

  #receive(frame: unknown): void {
    if (this.#phase.phase !== 'open') return;
    const message = decodeJanusFrame(frame);
    if (message instanceof RoomError) {
      this.#errors.next(message);
      return;
    }
    const transaction = 'transaction' in message ? message.transaction : undefined;
    if (transaction === undefined) {
      if (message.janus === 'timeout') this.#forget(message.session_id);
      this.#events.next(message);
      return;
    }
    const pending = this.#pending.get(transaction);
    if (!pending) return;
    // A plugin message's `ack` says only "received": its answer is the `event` that follows.
    if (message.janus === 'ack' && pending.request.janus === 'message') return;
    if (message.janus === 'event' && pending.request.janus !== 'message') return;
    this.#pending.delete(transaction);
    const refusal = refusalIn(message);
    if (refusal) {
      if (refusal.code === 458) this.#forget(pending.request.session_id);
      pending.subscriber.error(refusal);
      return;
    }
    this.#track(pending.request, message);
    pending.subscriber.next(message as JanusReply);
    pending.subscriber.complete();
  }

  /** Keeps the sessions this socket created alive until they are destroyed or expire. */
  #track(request: JanusRequest, reply: JanusMessage): void {
    if (request.janus === 'create' && reply.janus === 'success' && reply.data) {
      this.#sessions.add(reply.data.id);
      this.#keepalive ??= setInterval(() => this.#sendKeepalives(), this.#keepaliveMs);
    } else if (request.janus === 'destroy') this.#forget(request.session_id);
  }

  #forget(session: number | undefined): void {
    if (session === undefined || !this.#sessions.delete(session) || this.#sessions.size > 0) return;
    clearInterval(this.#keepalive);
    this.#keepalive = undefined;
  }

  #sendKeepalives(): void {
    for (const session of this.#sessions) {
      // A refused keepalive (458: the session expired) forgets the session in #receive; nothing else to do.
      this.request({ janus: 'keepalive', session_id: session }).subscribe({ error: () => undefined });
    }
  }

  #close(error: RoomError, ours: boolean): void {
    if (this.#phase.phase === 'closed') return;
    const { socket } = this.#phase;
    this.#phase = { phase: 'closed', error };
    for (const type of EVENTS) socket.removeEventListener(type, this.#listener);
    if (ours || socket.readyState <= OPEN) socket.close(1000);
    clearInterval(this.#keepalive);
    this.#keepalive = undefined;
    this.#sessions.clear();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { subscriber } of pending) subscriber.error(error);
    this.#state.next('closed');
    this.#state.complete();
    this.#events.complete();
    this.#errors.complete();
  }
}

/** The refusal an answer carries: the core's `error`, or a plugin's `error_code`. */
function refusalIn(message: JanusMessage): JanusError | undefined {
  if (message.janus === 'error') return new JanusError(message.error.code, message.error.reason);
  if (message.janus !== 'success' && message.janus !== 'event') return undefined;
  const data = message.plugindata?.data;
  const code = data?.error_code;
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  return new JanusError(code, typeof data?.error === 'string' ? data.error : '', message.plugindata?.plugin);
}

/** 96 random bits: the server echoes it; nobody else can guess one to answer in its place. */
function newTransaction(): string {
  let hex = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(12))) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
