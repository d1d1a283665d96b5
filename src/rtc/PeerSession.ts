/**
 * One registration with a signaling server and everything made through it. Made and owned by
 * {@link peerSession}: its subscription starts it, and unsubscribing destroys the Peer and
 * every connection and call it holds.
 */
import { Peer, type DataConnection, type MediaConnection, type PeerError, type PeerOptions } from 'peerjs';
import {
  asyncScheduler,
  BehaviorSubject,
  defer,
  distinctUntilChanged,
  EMPTY,
  expand,
  filter,
  ignoreElements,
  map,
  mergeMap,
  Observable,
  of,
  ReplaySubject,
  Subject,
  Subscription,
  switchMap,
  take,
  throwError,
  timeout,
  timer,
  type ObservableInput,
} from 'rxjs';
import type { PeerstageError } from '../errors/PeerstageError.ts';
import { assertIceTransportPolicy } from './assertIceTransportPolicy.ts';
import type { Call } from './Call.ts';
import { channelOptions, type ChannelOptions } from './channelOptions.ts';
import { classifyPeerError } from './classifyPeerError.ts';
import type { DataChannel } from './DataChannel.ts';
import { ConnectionError, SignalingError } from './errors.ts';
import type { ClientConfig } from './clientConfig.ts';
import { fetchClientConfig } from './fetchClientConfig.ts';
import { DEFAULT_ICE_RESTART, IceRestarts, type IceRestartPolicy, type RestartableConnection, type RestartRole } from './IceRestarts.ts';
import { IncomingCall } from './IncomingCall.ts';
import { openCall } from './openCall.ts';
import { openDataChannel } from './openDataChannel.ts';
import { backoffPolicy, type ReconnectPolicy } from './reconnectPolicy.ts';
import { retryWithPolicy } from './retryWithPolicy.ts';
import { answerProbes, askReachable } from './reachability.ts';
import { SignalingPost, type PostSocket } from './signalingPost.ts';
import { signalingAtPageOrigin, type SignalingOptions } from './signalingOptions.ts';
import { turnRefreshDelayMs } from './turnRefreshDelay.ts';

/** Where the registration with the signaling server stands. */
export type SessionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Makes the PeerJS `Peer` (a fake one in unit tests). */
export type PeerFactory = (id: string | undefined, options: PeerOptions) => Peer;

export interface PeerSessionOptions {
  /** The ID to register; default: one the server picks. */
  readonly id?: string;
  /** The PeerServer; default: the page's own origin at `/peerjs`. */
  readonly signaling?: SignalingOptions;
  /** ICE servers; default: from the serving server's `/peerstage/config.json`. */
  readonly iceServers?: readonly RTCIceServer[];
  /**
   * `relay`: connect only through the TURN servers among `iceServers`, so that peers never
   * learn each other's addresses (and nobody meets without a working TURN server). Default:
   * what the serving server's `/peerstage/config.json` says when `iceServers` is not given,
   * else `all`. Anything else is a `TypeError` from the constructor, as `RTCPeerConnection`
   * would throw it later, deep inside PeerJS.
   */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * Where the configuration comes from when `iceServers` is not given; default: the page's
   * server ({@link fetchClientConfig}). Asked again before TURN REST credentials in it expire
   * (turnRefreshDelay.ts), and the answer serves every connection made after it.
   */
  readonly clientConfig?: () => ObservableInput<ClientConfig>;
  /** Delays between attempts to reach the signaling server again; default {@link backoffPolicy}. */
  readonly reconnect?: ReconnectPolicy;
  /**
   * How long `connect` and `call` wait to open. The server reports an unknown ID within about
   * ten seconds, so this only matters for IDs that exist but never answer.
   */
  readonly connectTimeoutMs?: number;
  /** Data channel limits, chunk size and watermarks. */
  readonly channel?: Partial<ChannelOptions>;
  /**
   * Whether channels with this label take binary transfers; default: `channel.acceptsTransfers`
   * (yes). Asked for every channel the session makes — dialed, incoming, carried by a call —
   * before its first frame: a protocol that speaks JSON only answers `false`, and its channels
   * drop binary unread, whoever sends it.
   */
  readonly acceptTransfers?: (label: string) => boolean;
  /**
   * How connections are kept through a lost path: ICE restarted on the same connection,
   * negotiated through the signaling server (IceRestarts.ts); default {@link DEFAULT_ICE_RESTART}.
   * `false`: PeerJS's way, a connection whose ICE fails is closed.
   */
  readonly iceRestart?: Partial<IceRestartPolicy> | false;
  /** PeerJS log level. */
  readonly debug?: 0 | 1 | 2 | 3;
  readonly createPeer?: PeerFactory;
}

export interface ConnectOptions {
  /** Shown to the remote as `DataChannel.label`. */
  readonly label?: string;
  /** Handed to the remote as `DataChannel.metadata`. */
  readonly metadata?: unknown;
  readonly timeoutMs?: number;
}

export interface CallOptions {
  /** Handed to the remote as `IncomingCall.metadata`. */
  readonly metadata?: unknown;
  readonly timeoutMs?: number;
  /**
   * Carries a data channel with this label inside the call, as `Call.channel$` (see
   * callChannel.ts): the callee must answer with one too, so tell it in `metadata`.
   */
  readonly channel?: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

/**
 * How long `reachable` waits for an answer through the signaling server: a round trip through
 * it takes milliseconds, and a room asks only after seconds of silence, within the 5 s in which
 * it promises to drop a vanished member.
 */
export const DEFAULT_REACHABLE_TIMEOUT_MS = 1_000;

const defaultPeerFactory: PeerFactory = (id, options) => (id === undefined ? new Peer(options) : new Peer(id, options));

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
  readonly #state = new BehaviorSubject<SessionState>('connecting');
  readonly #id = new ReplaySubject<string>(1);
  readonly #connections = new Subject<DataChannel>();
  readonly #calls = new Subject<IncomingCall>();
  readonly #errors = new Subject<PeerstageError>();
  readonly #unavailable = new Subject<string>();
  /**
   * The configuration PeerJS hands every RTCPeerConnection it makes: the very object, not a
   * copy, so that renewed TURN credentials reach connections made after the renewal.
   */
  #liveConfig: RTCConfiguration = { iceServers: [] };
  /** Incoming connections and unanswered calls: released with the session. */
  readonly #owned = new Subscription();
  readonly #incomingCalls = new Set<MediaConnection>();
  #peer: Peer | undefined;
  /** The current Peer's posts through the signaling server, and the restarts made with them. */
  #post: SignalingPost | undefined;
  #restarts: IceRestarts | undefined;
  /** What the current Peer's post reads, until the Peer is replaced. */
  #postReading = Subscription.EMPTY;
  #hasOpened = false;
  #disposed = false;

  constructor(options: PeerSessionOptions = {}) {
    assertIceTransportPolicy(options.iceTransportPolicy);
    this.#options = options;
    this.#channel = channelOptions(options.channel);
    // A completed BehaviorSubject replays nothing: after the end, say 'closed' and complete.
    this.state$ = defer(() => (this.#disposed ? of<SessionState>('closed') : this.#state)).pipe(distinctUntilChanged());
    this.id$ = this.#id.pipe(distinctUntilChanged());
    this.connections$ = this.#connections.asObservable();
    this.calls$ = this.#calls.asObservable();
    this.errors$ = this.#errors.asObservable();
  }

  /** The registered ID, or `undefined` before the first registration. */
  get id(): string | undefined {
    return this.#peer?.id ?? undefined;
  }

  /**
   * The secret this session registered its ID with: it shows the signaling server (e.g. its
   * room directory) that a request comes from the ID's holder. Never send it to a peer.
   */
  get signalingToken(): string | undefined {
    return this.#peer?.options?.token;
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
      if (connection) this.#keep(connection, 'offerer');
      return connection
        ? openDataChannel(connection, { channel: this.#channelFor(connection.label), unavailable$: this.#unavailable })
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
      if (connection) this.#keep(connection, 'offerer');
      return connection
        ? openCall(connection, {
            unavailable$: this.#unavailable,
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
    const post = this.#post;
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
    return this.#rtcConfigs().pipe(
      mergeMap((config, index) => {
        if (index > 0) {
          this.#liveConfig.iceServers = config.iceServers;
          return EMPTY;
        }
        this.#liveConfig = config;
        return this.#register().pipe(
          retryWithPolicy(policy, {
            isRetryable: isRetryableSignalingError,
            onRetry: (_attempt, _delayMs, error) => {
              this.#state.next(this.#hasOpened ? 'reconnecting' : 'connecting');
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
    if (this.#disposed) return;
    this.#disposed = true;
    this.#owned.unsubscribe();
    this.#releasePost();
    for (const call of this.#incomingCalls) call.close();
    this.#incomingCalls.clear();
    const peer = this.#peer;
    this.#peer = undefined;
    if (peer) {
      peer.removeAllListeners();
      peer.destroy();
    }
    this.#state.next('closed');
    this.#state.complete();
    this.#id.complete();
    this.#connections.complete();
    this.#calls.complete();
    this.#errors.complete();
    this.#unavailable.complete();
  }

  #dial<T>(remoteId: string, timeoutMs: number | undefined, open: (peer: Peer) => Observable<T> | undefined): Observable<T> {
    const limitMs = timeoutMs ?? this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    return this.state$.pipe(
      filter((state) => state === 'open' || state === 'closed'),
      take(1),
      switchMap((state) => {
        const opened = state === 'open' && this.#peer ? open(this.#peer) : undefined;
        return opened ?? throwError(() => new ConnectionError('signaling-unavailable', remoteId, 'the peer session has closed'));
      }),
      timeout({
        first: limitMs,
        with: () => throwError(() => new ConnectionError('timeout', remoteId, `${remoteId} did not answer within ${limitMs} ms`)),
      }),
    );
  }

  /**
   * What PeerJS hands every RTCPeerConnection: the ICE servers and, when not `all`, the policy.
   * Given ICE servers are used as they are; fetched ones are fetched again before their TURN
   * credentials expire. A renewal without credentials (the server away) keeps the last ones,
   * and asks again a minute later.
   */
  #rtcConfigs(): Observable<RTCConfiguration> {
    const { iceServers, iceTransportPolicy } = this.#options;
    const withPolicy = (servers: readonly RTCIceServer[], policy: RTCIceTransportPolicy | undefined): RTCConfiguration =>
      policy && policy !== 'all' ? { iceServers: [...servers], iceTransportPolicy: policy } : { iceServers: [...servers] };
    if (iceServers) return of(withPolicy(iceServers, iceTransportPolicy));
    const source = this.#options.clientConfig ?? (() => fetchClientConfig());
    const fetched = () =>
      defer(source).pipe(
        take(1),
        map((config) => withPolicy(config.iceServers, iceTransportPolicy ?? config.iceTransportPolicy)),
      );
    return fetched().pipe(
      expand((current) => {
        const delayMs = turnRefreshDelayMs(current.iceServers ?? [], asyncScheduler.now());
        if (delayMs === undefined) return EMPTY;
        return timer(delayMs).pipe(
          switchMap(fetched),
          map((next) => (turnRefreshDelayMs(next.iceServers ?? [], asyncScheduler.now()) === undefined ? current : next)),
        );
      }),
    );
  }

  /**
   * One attempt: a new Peer, or the old one reconnecting (keeping its ID and its P2P links).
   * Emits each time it opens, which tells the retry that the attempt succeeded.
   */
  #register(): Observable<string> {
    return new Observable<string>((subscriber) => {
      const reuse = this.#peer !== undefined && !this.#peer.destroyed;
      const peer = reuse && this.#peer ? this.#peer : this.#createPeer();
      const onOpen = (id: string) => {
        this.#hasOpened = true;
        this.#id.next(id);
        this.#state.next('open');
        subscriber.next(id);
      };
      const onError = (error: PeerError<string>) => {
        const meaning = classifyPeerError(error);
        switch (meaning.scope) {
          case 'session-fatal':
          case 'signaling-lost':
            subscriber.error(meaning.error);
            break;
          case 'peer-unavailable':
            this.#unavailable.next(meaning.peerId);
            break;
          case 'connection':
            this.#errors.next(new ConnectionError('negotiation-failed', '', meaning.cause.message, { cause: meaning.cause }));
            break;
        }
      };
      const onDisconnected = () => subscriber.error(new SignalingError('unreachable', 'the connection to the signaling server was lost'));
      peer.on('open', onOpen);
      peer.on('error', onError);
      peer.on('disconnected', onDisconnected);
      if (reuse && peer.disconnected) peer.reconnect();
      else if (peer.open) onOpen(peer.id);
      return () => {
        peer.off('open', onOpen);
        peer.off('error', onError);
        peer.off('disconnected', onDisconnected);
      };
    });
  }

  #createPeer(): Peer {
    const previous = this.#peer;
    if (previous) {
      previous.removeAllListeners();
      previous.destroy();
    }
    const signaling = this.#options.signaling ?? signalingAtPageOrigin();
    const peer = (this.#options.createPeer ?? defaultPeerFactory)(this.#options.id, {
      host: signaling.host,
      port: signaling.port,
      path: signaling.path ?? '/',
      secure: signaling.secure ?? false,
      key: signaling.key ?? 'peerjs',
      // The live object: PeerJS reads it again for every RTCPeerConnection it makes.
      config: this.#liveConfig,
      debug: this.#options.debug ?? 0,
    });
    peer.on('connection', (connection) => this.#accept(connection));
    peer.on('call', (connection) => this.#offerCall(connection));
    this.#peer = peer;
    this.#releasePost();
    this.#post = new SignalingPost(peer.socket as unknown as PostSocket);
    this.#postReading = answerProbes(this.#post);
    this.#postReading.add(this.#post.refused$.subscribe((error) => this.#errors.next(error)));
    const { iceRestart } = this.#options;
    // Restarts gather with the ICE servers of now: TURN credentials are renewed as they age.
    if (iceRestart !== false)
      this.#restarts = new IceRestarts(this.#post, { ...DEFAULT_ICE_RESTART, ...iceRestart }, () => this.#liveConfig.iceServers);
    return peer;
  }

  /** Keeps `connection` through lost paths (see `iceRestart`), unless restarts are off. */
  #keep(connection: RestartableConnection, role: RestartRole): void {
    this.#restarts?.keep(connection, role);
  }

  #releasePost(): void {
    this.#postReading.unsubscribe();
    this.#restarts?.dispose();
    this.#post?.dispose();
    this.#restarts = this.#post = undefined;
  }

  #accept(connection: DataConnection): void {
    if (connection.serialization !== 'raw') {
      this.#errors.next(
        new ConnectionError(
          'malformed',
          connection.peer,
          `${connection.peer} uses PeerJS serialization '${connection.serialization}'; peerstage speaks 'raw'`,
        ),
      );
      connection.close();
      return;
    }
    this.#keep(connection, 'answerer');
    const opening = openDataChannel(connection, { channel: this.#channelFor(connection.label), unavailable$: this.#unavailable }).pipe(
      timeout({ first: this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS }),
    );
    const subscription = opening.subscribe({
      next: (channel) => this.#connections.next(channel),
      error: (error: unknown) => {
        this.#owned.remove(subscription);
        this.#errors.next(asConnectionError(error, connection.peer));
      },
      complete: () => this.#owned.remove(subscription),
    });
    if (!subscription.closed) this.#owned.add(subscription);
  }

  #offerCall(connection: MediaConnection): void {
    this.#incomingCalls.add(connection);
    connection.once('close', () => this.#incomingCalls.delete(connection));
    this.#calls.next(
      new IncomingCall(
        connection,
        (label) => this.#channelFor(label),
        (answered) => this.#keep(answered, 'answerer'),
      ),
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

function asConnectionError(error: unknown, peerId: string): ConnectionError {
  if (error instanceof ConnectionError) return error;
  return new ConnectionError('timeout', peerId, `the connection from ${peerId} did not open`, { cause: error });
}
