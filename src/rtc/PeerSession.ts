/**
 * One registration with a signaling server and everything made through it. Made and owned by
 * {@link peerSession}: its subscription starts it, and unsubscribing destroys the Peer and
 * every connection and call it holds.
 */
import type { Peer } from 'peerjs';
import {
  BehaviorSubject,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  ignoreElements,
  mergeMap,
  type Observable,
  of,
  ReplaySubject,
  Subject,
  Subscription,
  switchMap,
  take,
  tap,
  throwError,
  timeout,
} from 'rxjs';
import type { PeerstageError } from '../errors/PeerstageError.ts';
import { assertIceTransportPolicy } from './assertIceTransportPolicy.ts';
import type { Call } from './Call.ts';
import { channelOptions, type ChannelOptions } from './channelOptions.ts';
import type { DataChannel } from './DataChannel.ts';
import { ConnectionError, SignalingError } from './errors.ts';
import type { IncomingCall } from './IncomingCall.ts';
import { IncomingLinks } from './IncomingLinks.ts';
import { openCall } from './openCall.ts';
import { openDataChannel } from './openDataChannel.ts';
import { PeerRegistration } from './PeerRegistration.ts';
import { askReachable } from './reachability.ts';
import { backoffPolicy } from './reconnectPolicy.ts';
import { retryWithPolicy } from './retryWithPolicy.ts';
import {
  type CallOptions,
  type ConnectOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REACHABLE_TIMEOUT_MS,
  type PeerSessionOptions,
} from './PeerSessionOptions.ts';
import { rtcConfigs } from './rtcConfigs.ts';

/** Where the registration with the signaling server stands. */
export type SessionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * The session's life, beside the registration's state: not yet registered, registered at least
 * once (a lost registration is then a reconnect), or disposed (its state is `closed` for good).
 */
type Lifetime = { readonly phase: 'unopened' | 'opened' | 'disposed' };

export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REACHABLE_TIMEOUT_MS,
  type CallOptions,
  type ConnectOptions,
  type PeerFactory,
  type PeerSessionOptions,
} from './PeerSessionOptions.ts';

export class PeerSession {
  /** Replays the current state; `closed` is the last. */
  readonly state$: Observable<SessionState>;
  /** The registered ID, once known; replays it. */
  readonly id$: Observable<string>;
  /** Data connections others opened to this peer, once open. */
  readonly connections$: Observable<DataChannel>;
  /** Calls others make to this peer; answer or decline each. */
  readonly calls$: Observable<IncomingCall>;
  /** What went wrong without ending the session: lost signaling (being retried), refused connections. */
  readonly errors$: Observable<PeerstageError>;

  readonly #options: PeerSessionOptions;
  readonly #channel: ChannelOptions;
  readonly #registration: PeerRegistration;
  readonly #incoming: IncomingLinks;
  readonly #state = new BehaviorSubject<SessionState>('connecting');
  readonly #id = new ReplaySubject<string>(1);
  readonly #errors = new Subject<PeerstageError>();
  /** What the registration and the incoming links report, until the session ends. */
  readonly #reports = new Subscription();
  #lifetime: Lifetime = { phase: 'unopened' };

  constructor(options: PeerSessionOptions = {}) {
    assertIceTransportPolicy(options.iceTransportPolicy);
    this.#options = options;
    this.#channel = channelOptions(options.channel);
    this.#registration = new PeerRegistration(options);
    this.#incoming = new IncomingLinks(
      this.#registration,
      (label) => this.#channelFor(label),
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    // A completed BehaviorSubject replays nothing: after the end, say 'closed' and complete.
    this.state$ = defer(() => (this.#lifetime.phase === 'disposed' ? of<SessionState>('closed') : this.#state)).pipe(
      distinctUntilChanged(),
    );
    this.id$ = this.#id.pipe(distinctUntilChanged());
    this.connections$ = this.#incoming.connections$;
    this.calls$ = this.#incoming.calls$;
    this.errors$ = this.#errors.asObservable();
    this.#reports.add(this.#registration.errors$.subscribe((error) => this.#errors.next(error)));
    this.#reports.add(this.#incoming.errors$.subscribe((error) => this.#errors.next(error)));
  }

  /** The registered ID, or `undefined` before the first registration. */
  get id(): string | undefined {
    return this.#registration.peer?.id ?? undefined;
  }

  /**
   * The secret this session registered its ID with: it shows the signaling server (e.g. its
   * room directory) that a request comes from the ID's holder. Never send it to a peer.
   */
  get signalingToken(): string | undefined {
    return this.#registration.peer?.options?.token;
  }

  /** The current state. */
  get state(): SessionState {
    return this.#state.value;
  }

  /**
   * Opens a data connection to `remoteId` once the session is open: emits the channel when
   * it opens, completes when it closes, unsubscribing closes it. Fails with a
   * {@link ConnectionError} (`peer-unavailable`, `timeout`, `negotiation-failed`,
   * `signaling-unavailable`) for this connection only.
   *
   * @example
   * ```ts
   * session.connect('bob').pipe(switchMap((channel) => channel.messages$)).subscribe(console.log);
   * ```
   */
  connect(remoteId: string, options: ConnectOptions = {}): Observable<DataChannel> {
    return this.#dial(remoteId, options.timeoutMs, (peer) => {
      const connection = peer.connect(remoteId, {
        // PeerJS's default is unordered delivery; messages and chunks must arrive in order.
        reliable: true,
        // Framing is ours (JSON text, binary chunks): see the `rtc` benchmark for why.
        serialization: 'raw',
        label: options.label,
        metadata: options.metadata,
      });
      if (connection) this.#registration.keep(connection, 'offerer');
      return connection
        ? openDataChannel(connection, { channel: this.#channelFor(connection.label), unavailable$: this.#registration.unavailable$ })
        : undefined;
    });
  }

  /**
   * Calls `remoteId` with `stream` once the session is open: emits the {@link Call} when
   * connected, completes when either side hangs up, unsubscribing hangs up. The stream stays
   * the caller's: it is not stopped.
   *
   * @example
   * ```ts
   * session.call('bob', createSyntheticStream()).pipe(switchMap((call) => call.remoteStream$)).subscribe((remote) => (video.srcObject = remote));
   * ```
   */
  call(remoteId: string, stream: MediaStream, options: CallOptions = {}): Observable<Call> {
    return this.#dial(remoteId, options.timeoutMs, (peer) => {
      const connection = peer.call(remoteId, stream, { metadata: options.metadata });
      if (connection) this.#registration.keep(connection, 'offerer');
      return connection
        ? openCall(connection, {
            unavailable$: this.#registration.unavailable$,
            carry: options.channel,
            channelOptions: options.channel === undefined ? this.#channel : this.#channelFor(options.channel),
          })
        : undefined;
    });
  }

  /**
   * Whether `remoteId` answers through the signaling server within `timeoutMs`: a peer whose
   * connections have gone quiet may still be there, only without a path (a room holds such a
   * member while its connections restart ICE). `false` without an open session.
   *
   * @example
   * ```ts
   * if (!(await session.reachable('bob'))) console.log('bob has gone');
   * ```
   */
  reachable(remoteId: string, timeoutMs = DEFAULT_REACHABLE_TIMEOUT_MS): Promise<boolean> {
    const post = this.#registration.post;
    if (!post || this.state !== 'open') return Promise.resolve(false);
    return askReachable(post, remoteId, timeoutMs);
  }

  /**
   * Registers and keeps registered, retrying by the reconnect policy while the signaling
   * server is out of reach. Errors with a {@link SignalingError} when it gives up or when a
   * retry cannot help (ID taken, invalid ID or key). Each successful registration starts the
   * policy's attempts over.
   */
  run(): Observable<never> {
    const policy = this.#options.reconnect ?? backoffPolicy();
    // The first configuration registers (and the registration lives on while later ones
    // arrive); later ones carry renewed TURN credentials and take the place of the ICE servers
    // in the object PeerJS reads for each new connection.
    return rtcConfigs(this.#options).pipe(
      mergeMap((config, index) => {
        if (index > 0) {
          this.#registration.renewIceServers(config.iceServers);
          return EMPTY;
        }
        this.#registration.configure(config);
        return this.#registration.register().pipe(
          tap((id) => {
            if (this.#lifetime.phase === 'unopened') this.#lifetime = { phase: 'opened' };
            this.#id.next(id);
            this.#state.next('open');
          }),
          retryWithPolicy(policy, {
            isRetryable: isRetryableSignalingError,
            onRetry: (_attempt, _delayMs, error) => {
              this.#state.next(this.#lifetime.phase === 'unopened' ? 'connecting' : 'reconnecting');
              if (error instanceof SignalingError) this.#errors.next(error);
            },
          }),
        );
      }),
      ignoreElements(),
    );
  }

  /** Destroys the Peer and everything it holds. Idempotent. */
  dispose(): void {
    if (this.#lifetime.phase === 'disposed') return;
    this.#lifetime = { phase: 'disposed' };
    this.#incoming.dispose();
    this.#reports.unsubscribe();
    this.#registration.dispose();
    this.#state.next('closed');
    this.#state.complete();
    this.#id.complete();
    this.#errors.complete();
  }

  #dial<T>(remoteId: string, timeoutMs: number | undefined, open: (peer: Peer) => Observable<T> | undefined): Observable<T> {
    const limitMs = timeoutMs ?? this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    return this.state$.pipe(
      filter((state) => state === 'open' || state === 'closed'),
      take(1),
      switchMap((state) => {
        const peer = this.#registration.peer;
        const opened = state === 'open' && peer ? open(peer) : undefined;
        return opened ?? throwError(() => new ConnectionError('signaling-unavailable', remoteId, 'the peer session has closed'));
      }),
      timeout({
        first: limitMs,
        with: () => throwError(() => new ConnectionError('timeout', remoteId, `${remoteId} did not answer within ${limitMs} ms`)),
      }),
    );
  }

  /** The options of a channel labelled `label`: the session's, with whether it takes transfers. */
  #channelFor(label: string): ChannelOptions {
    const { acceptTransfers } = this.#options;
    return acceptTransfers ? { ...this.#channel, acceptsTransfers: acceptTransfers(label) } : this.#channel;
  }
}

function isRetryableSignalingError(error: unknown): boolean {
  return error instanceof SignalingError && (error.reason === 'unreachable' || error.reason === 'server-error');
}
