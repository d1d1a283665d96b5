/**
 * The PeerJS Peer behind a peer session, from one registration attempt to the next: reconnected
 * while it can be (keeping its ID and its P2P links), replaced when it cannot, and with it the
 * post through the signaling server and the ICE restarts negotiated there.
 */
import { Peer, type DataConnection, type MediaConnection, type PeerError } from 'peerjs';
import { Observable, Subject, Subscription } from 'rxjs';
import type { PeerstageError } from '../errors/PeerstageError.ts';
import { classifyPeerError } from './classifyPeerError.ts';
import { ConnectionError, SignalingError } from './errors.ts';
import { DEFAULT_ICE_RESTART, IceRestarts, type RestartableConnection, type RestartRole } from './IceRestarts.ts';
import type { PeerFactory, PeerSessionOptions } from './PeerSessionOptions.ts';
import { answerProbes } from './reachability.ts';
import { SignalingPost, type PostSocket } from './signalingPost.ts';
import { signalingAtPageOrigin } from './signalingOptions.ts';

/** What a registration needs of the session's options. */
export type PeerRegistrationOptions = Pick<PeerSessionOptions, 'id' | 'signaling' | 'iceRestart' | 'debug' | 'createPeer'>;

const defaultPeerFactory: PeerFactory = (id, options) => (id === undefined ? new Peer(options) : new Peer(id, options));

export class PeerRegistration {
  /** Data connections others open to the current Peer, as PeerJS hands them over. */
  readonly connections$: Observable<DataConnection>;
  /** Calls others make to the current Peer, as PeerJS hands them over. */
  readonly calls$: Observable<MediaConnection>;
  /** IDs the signaling server reports as not registered (PeerJS's `peer-unavailable`). */
  readonly unavailable$: Observable<string>;
  /** What goes wrong without ending the registration: failed negotiations, refused posts. */
  readonly errors$: Observable<PeerstageError>;

  readonly #options: PeerRegistrationOptions;
  readonly #connections = new Subject<DataConnection>();
  readonly #calls = new Subject<MediaConnection>();
  readonly #unavailable = new Subject<string>();
  readonly #errors = new Subject<PeerstageError>();
  /**
   * The configuration PeerJS hands every RTCPeerConnection it makes: the very object, not a
   * copy, so that renewed TURN credentials reach connections made after the renewal.
   */
  #liveConfig: RTCConfiguration = { iceServers: [] };
  #peer: Peer | undefined;
  /** The current Peer's posts through the signaling server, and the restarts made with them. */
  #post: SignalingPost | undefined;
  #restarts: IceRestarts | undefined;
  /** What the current Peer's post reads, until the Peer is replaced. */
  #postReading = Subscription.EMPTY;

  constructor(options: PeerRegistrationOptions) {
    this.#options = options;
    this.connections$ = this.#connections.asObservable();
    this.calls$ = this.#calls.asObservable();
    this.unavailable$ = this.#unavailable.asObservable();
    this.errors$ = this.#errors.asObservable();
  }

  /** The current Peer; `undefined` before the first attempt and once disposed. */
  get peer(): Peer | undefined {
    return this.#peer;
  }

  /** The current Peer's post through the signaling server. */
  get post(): SignalingPost | undefined {
    return this.#post;
  }

  /** The first configuration: every Peer made from now on registers with this very object. */
  configure(config: RTCConfiguration): void {
    this.#liveConfig = config;
  }

  /** Renewed ICE servers (fresh TURN credentials), for every connection made from now on. */
  renewIceServers(iceServers: RTCIceServer[] | undefined): void {
    this.#liveConfig.iceServers = iceServers;
  }

  /**
   * One attempt: a new Peer, or the old one reconnecting (keeping its ID and its P2P links).
   * Emits the ID each time it opens, which tells a retry that the attempt succeeded; errors
   * with a {@link SignalingError} when the signaling server is lost or refuses.
   */
  register(): Observable<string> {
    return new Observable<string>((subscriber) => {
      const reuse = this.#peer !== undefined && !this.#peer.destroyed;
      const peer = reuse && this.#peer ? this.#peer : this.#createPeer();
      const onOpen = (id: string) => subscriber.next(id);
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

  /** Keeps `connection` through lost paths (see `iceRestart`), unless restarts are off. */
  keep(connection: RestartableConnection, role: RestartRole): void {
    this.#restarts?.keep(connection, role);
  }

  /** Destroys the Peer and lets go of its post. Idempotent. */
  dispose(): void {
    this.#releasePost();
    const peer = this.#peer;
    this.#peer = undefined;
    if (peer) {
      peer.removeAllListeners();
      peer.destroy();
    }
    this.#connections.complete();
    this.#calls.complete();
    this.#unavailable.complete();
    this.#errors.complete();
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
    peer.on('connection', (connection) => this.#connections.next(connection));
    peer.on('call', (connection) => this.#calls.next(connection));
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

  #releasePost(): void {
    this.#postReading.unsubscribe();
    this.#restarts?.dispose();
    this.#post?.dispose();
    this.#restarts = this.#post = undefined;
  }
}
