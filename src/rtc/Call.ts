/**
 * An established call with one remote peer: its stream as an Observable, what this side shares
 * switchable without a new call, and its end as an Observable, whichever side hangs up.
 */
import type { MediaConnection } from 'peerjs';
import { BehaviorSubject, distinctUntilChanged, EMPTY, type Observable, ReplaySubject } from 'rxjs';
import { connectionStats, type ConnectionStats, type ConnectionStatsOptions } from './connectionStats.ts';
import type { DataChannel } from './DataChannel.ts';
import { ConnectionError } from './errors.ts';

export type TrackKind = 'audio' | 'video';

export class Call {
  /** The ID of the peer at the other end. */
  readonly remoteId: string;
  /** Whatever the calling side attached to the call. */
  readonly metadata: unknown;
  /** The PeerJS connection underneath, for what this class does not cover. */
  readonly connection: MediaConnection;
  /** The remote peer's stream, `null` until it arrives and again after the call ends. Replays the latest. */
  readonly remoteStream$: Observable<MediaStream | null>;
  /** Emits once and completes when the call has ended, whichever side hung up. */
  readonly closed$: Observable<void>;
  /**
   * The data channel this call carries, once open (replayed), if both sides asked for one
   * (`CallOptions.channel`, `IncomingCall.answer`'s `channel`); completes with nothing if not.
   */
  readonly channel$: Observable<DataChannel>;
  /**
   * The WebRTC connection of the call, e.g. for `connectionStats`. Kept here because PeerJS
   * forgets it when the call closes.
   */
  readonly peerConnection: RTCPeerConnection;

  readonly #remoteStream: BehaviorSubject<MediaStream | null>;
  readonly #closed = new ReplaySubject<void>(1);
  #isClosed = false;
  /** The DTLS transports whose state this call follows (see `#onTransportState`). */
  readonly #transports = new Set<RTCDtlsTransport>();

  constructor(connection: MediaConnection, channel$: Observable<DataChannel> = EMPTY) {
    this.connection = connection;
    this.channel$ = channel$;
    this.remoteId = connection.peer;
    this.metadata = connection.metadata;
    this.peerConnection = connection.peerConnection;
    this.#remoteStream = new BehaviorSubject<MediaStream | null>(connection.remoteStream ?? null);
    this.remoteStream$ = this.#remoteStream.pipe(distinctUntilChanged());
    this.closed$ = this.#closed.asObservable();
    connection.on('stream', this.#onStream);
    connection.on('close', this.#onClose);
    this.peerConnection.addEventListener('connectionstatechange', this.#onStateChange);
    this.#followTransports();
  }

  /**
   * Sends `track` in place of what this side sends of its kind (`null` sends nothing), with no
   * renegotiation: switch camera, screen or a canvas mid-call. The call must have started with
   * a track of that kind, since PeerJS cannot add one later.
   *
   * @example
   * ```ts
   * const screen = await navigator.mediaDevices.getDisplayMedia();
   * await call.replaceTrack(screen.getVideoTracks()[0] ?? null, 'video');
   * ```
   */
  async replaceTrack(track: MediaStreamTrack | null, kind: TrackKind = track?.kind === 'audio' ? 'audio' : 'video'): Promise<void> {
    if (this.#isClosed) throw new ConnectionError('closed', this.remoteId, `the call with ${this.remoteId} has ended`);
    if (track && track.kind !== kind) throw new TypeError(`a ${track.kind} track cannot replace the ${kind} of a call`);
    const transceiver = this.peerConnection
      .getTransceivers()
      .find((candidate) => candidate.receiver.track.kind === kind && candidate.direction !== 'inactive');
    if (!transceiver || transceiver.direction === 'recvonly') {
      throw new ConnectionError(
        'unsupported',
        this.remoteId,
        `the call with ${this.remoteId} sends no ${kind}: start it with a ${kind} track to switch it later`,
      );
    }
    await transceiver.sender.replaceTrack(track);
  }

  /**
   * Sends the tracks of `stream` in place of the current ones, kind by kind.
   *
   * @example
   * ```ts
   * await call.replaceStream(createSyntheticStream({ label: 'slides' }));
   * ```
   */
  async replaceStream(stream: MediaStream): Promise<void> {
    const audio = stream.getAudioTracks()[0];
    const video = stream.getVideoTracks()[0];
    if (audio) await this.replaceTrack(audio, 'audio');
    if (video) await this.replaceTrack(video, 'video');
  }

  /**
   * Round trip, bitrates, loss and candidate types of this connection, sampled while
   * subscribed (once a second by default; see {@link connectionStats}) until it closes.
   *
   * @example
   * ```ts
   * call.stats({ intervalMs: 250 }).subscribe(({ roundTripMs }) => console.log(`round trip: ${roundTripMs ?? '?'} ms`));
   * ```
   */
  stats(options?: ConnectionStatsOptions): Observable<ConnectionStats> {
    return connectionStats(this.peerConnection, options);
  }

  /**
   * Ends the call on both sides. Idempotent.
   *
   * @example
   * ```ts
   * call.hangUp();
   * ```
   */
  hangUp(): void {
    this.connection.close();
    this.#onClose();
  }

  readonly #onStream = (stream: MediaStream): void => {
    this.#remoteStream.next(stream);
  };

  readonly #onStateChange = (): void => {
    // Chromium reports a remote hang-up as a closed DTLS transport: `failed` or `closed`.
    const state = this.peerConnection.connectionState;
    if (state === 'failed' || state === 'closed') this.hangUp();
    else if (state === 'connected') this.#followTransports();
  };

  /**
   * Follows each DTLS transport the call has so far. Firefox tells a remote hang-up only
   * there: its transport turns `closed` within milliseconds of the far side's close_notify,
   * while its connection state stays `connected` until ICE consent lapses (measured: still
   * `connected` 8 s later, `failed` after about 30 s).
   */
  #followTransports(): void {
    const senders = this.peerConnection.getSenders().map((sender) => sender.transport);
    const receivers = this.peerConnection.getReceivers().map((receiver) => receiver.transport);
    for (const transport of [...senders, ...receivers]) {
      if (!transport || this.#transports.has(transport)) continue;
      this.#transports.add(transport);
      transport.addEventListener('statechange', this.#onTransportState);
    }
    this.#onTransportState();
  }

  readonly #onTransportState = (): void => {
    if ([...this.#transports].some((transport) => transport.state === 'closed' || transport.state === 'failed')) this.hangUp();
  };

  readonly #onClose = (): void => {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.connection.off('stream', this.#onStream);
    this.connection.off('close', this.#onClose);
    this.peerConnection.removeEventListener('connectionstatechange', this.#onStateChange);
    for (const transport of this.#transports) transport.removeEventListener('statechange', this.#onTransportState);
    this.#transports.clear();
    if (this.connection.open) this.connection.close();
    this.#remoteStream.next(null);
    this.#remoteStream.complete();
    this.#closed.next();
    this.#closed.complete();
  };
}
