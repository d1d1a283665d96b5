/**
 * One link of the mesh: the data channel to one other member, from handshake to goodbye.
 * It admits the member (see {@link Handshake}), keeps the heartbeat, delivers its messages in
 * order, and says why it ended.
 */
import { asyncScheduler, interval, type Observable, Subject, Subscription, type SchedulerLike } from 'rxjs';
import { ConnectionError } from '../rtc/errors.ts';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { dtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { msSinceTransportHeard } from '../rtc/msSinceTransportHeard.ts';
import { Handshake, type HandshakeContext } from './Handshake.ts';
import type { LinkEnd, LinkEvent } from './LinkEvent.ts';
import type { HeartbeatPolicy } from './heartbeatPolicy.ts';
import { decodeWireMessage, wire, type WireBody, type WireMessage } from './protocol.ts';
import { RoomError, type RoomErrorReason } from './RoomError.ts';
import { checkedViewSize, type VideoSize } from './splitUplink.ts';
import { watchSilence } from './watchSilence.ts';

/** Where a link is in its life. */
type LinkState =
  /** Proving both sides; `heard`: how many messages came meanwhile. */
  | { readonly phase: 'handshake'; heard: number }
  | { readonly phase: 'admitted'; readonly name: string | undefined }
  | { readonly phase: 'ended'; readonly why: LinkEnd };

export interface LinkOptions {
  readonly heartbeat: HeartbeatPolicy;
  /** Time allowed for the handshake before the link is dropped. */
  readonly handshakeTimeoutMs: number;
  readonly scheduler?: SchedulerLike;
  /** How long the link's connection has received nothing; tests replace the real probe. */
  readonly transportQuietMs?: (channel: DataChannel) => Promise<number | undefined>;
  /**
   * Whether the member still answers elsewhere (through the signaling server) when its link and
   * connection have both fallen quiet: then it lost its path, and is held (see watchSilence).
   */
  readonly reachable?: (remoteId: string) => Promise<boolean>;
  /**
   * A newcomer's link to the directory's holder, dialed at the room's rendezvous ID: the
   * member ID is the one its hello tells, and it may list whom else to dial.
   */
  readonly joinedThroughDirectory?: boolean;
}

/**
 * Messages a side may send before it is admitted: a handshake takes three (hello, proof,
 * intro), a ping or a bad message may come with them. More is someone filling this side's
 * queue (each message waits there for the handshake's crypto) rather than joining.
 */
export const MAX_MESSAGES_BEFORE_ADMISSION = 16;

/** The handshake's context as the room knows it; the link adds what its channel tells. */
export type LinkHandshakeContext = Omit<HandshakeContext, 'dialed' | 'fingerprints'>;

export class MemberLink {
  readonly channel: DataChannel;
  /** The ID of the member that opened the channel: decides which of two links survives. */
  readonly dialedBy: string;
  /** What the link tells, from `start()` on; completes after `ended`. */
  readonly events$: Observable<LinkEvent>;

  readonly #events = new Subject<LinkEvent>();
  readonly #options: LinkOptions;
  readonly #handshake: Handshake;
  readonly #owned = new Subscription();
  readonly #scheduler: SchedulerLike;
  /** Messages are handled one at a time, in order: the handshake awaits crypto. */
  #queue: Promise<void> = Promise.resolve();
  #lastHeardAt: number;
  #remoteId: string;
  #state: LinkState = { phase: 'handshake', heard: 0 };
  /** The view of the member's video last told it, so the same one is not sent again. */
  #toldView: VideoSize | null = null;

  constructor(channel: DataChannel, dialedBy: string, context: LinkHandshakeContext, options: LinkOptions) {
    this.channel = channel;
    this.#remoteId = channel.remoteId;
    this.dialedBy = dialedBy;
    this.events$ = this.#events.asObservable();
    this.#options = options;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#lastHeardAt = this.#scheduler.now();
    this.#handshake = new Handshake(
      {
        ...context,
        // The other end dialed when the channel's remote peer opened it; else this side did
        // (on a join link, to the rendezvous ID: then `dialedBy` is this member's own ID).
        dialed: dialedBy !== channel.remoteId,
        fingerprints: () => dtlsFingerprints(channel.peerConnection),
      },
      (message) => this.#sendWire(message),
    );
  }

  /** The member's ID: the channel's remote peer, or what the holder told (see `joinedThroughDirectory`). */
  get remoteId(): string {
    return this.#remoteId;
  }

  get isAdmitted(): boolean {
    return this.#state.phase === 'admitted';
  }

  /**
   * Starts the handshake, the heartbeat and the reading of messages: subscribe to `events$` first.
   *
   * @example
   * ```ts
   * declare const context: LinkHandshakeContext, options: LinkOptions;
   * const link = new MemberLink(channel, channel.remoteId, context, options); // the other end dialed
   * link.events$.subscribe((event) => console.log(event.type));
   * link.start();
   * ```
   */
  start(): void {
    this.#owned.add(
      this.channel.messages$.subscribe({
        next: (value) => this.#hear(value),
        complete: () => this.#end('closed'),
      }),
    );
    this.#owned.add(
      this.channel.errors$.subscribe((error) =>
        this.#fault(error.reason === 'too-large' ? 'message-too-large' : 'malformed-message', error.message, error),
      ),
    );
    this.#owned.add(
      interval(this.#options.heartbeat.heartbeatMs, this.#scheduler).subscribe(() => {
        if (this.isAdmitted) this.#sendWire({ t: 'ping' });
      }),
    );
    const { reachable } = this.#options;
    this.#owned.add(
      watchSilence({
        heartbeat: this.#options.heartbeat,
        scheduler: this.#scheduler,
        lastHeardAt: () => this.#lastHeardAt,
        transportQuietMs: () =>
          (this.#options.transportQuietMs ?? ((channel) => msSinceTransportHeard(channel.peerConnection)))(this.channel),
        reachable: reachable && (() => reachable(this.remoteId)),
        gone: () => this.#end('silent'),
      }),
    );
    this.#owned.add(
      this.#scheduler.schedule(() => {
        if (this.#state.phase === 'handshake') this.#end('silent');
      }, this.#options.handshakeTimeoutMs),
    );
    this.#handshake.start();
  }

  /**
   * Sends an application message to this member.
   *
   * @example
   * ```ts
   * await link.send({ text: 'hi' }, false);
   * ```
   */
  send(data: unknown, direct: boolean): Promise<void> {
    return this.channel.send(wire({ t: 'data', data, direct: direct || undefined }));
  }

  /**
   * Tells the member how large its video is shown here (`null`: at any size), when that changed.
   * Throws a `RangeError` for a size below 1 x 1.
   *
   * @example
   * ```ts
   * link.tellView({ width: 320, height: 180 });
   * ```
   */
  tellView(size: VideoSize | null): void {
    const view = size && checkedViewSize(size);
    const told = this.#toldView;
    if (this.#state.phase === 'ended' || (view ? told?.width === view.width && told.height === view.height : told === null)) return;
    this.#toldView = view;
    this.#sendWire(view ? { t: 'view', size: view } : { t: 'view' });
  }

  /**
   * Ends the link; with `'left'` the member is told first (a graceful leave). Idempotent.
   *
   * @example
   * ```ts
   * link.close('left');
   * ```
   */
  close(why: LinkEnd): void {
    if (why === 'left' && this.#state.phase !== 'ended' && this.channel.isOpen) this.#sendWire({ t: 'bye' });
    this.#end(why);
  }

  #hear(value: unknown): void {
    this.#lastHeardAt = this.#scheduler.now();
    const state = this.#state;
    if (state.phase === 'handshake') state.heard += 1;
    if (state.phase === 'handshake' && state.heard > MAX_MESSAGES_BEFORE_ADMISSION) {
      this.#fault('malformed-message', `${this.remoteId} sent more than ${MAX_MESSAGES_BEFORE_ADMISSION} messages before proving itself`);
      this.#end('refused');
      return;
    }
    this.#queue = this.#queue
      .then(() => this.#receive(value))
      // Only the handshake's crypto can fail here (no WebCrypto outside a secure context).
      .catch((error: unknown) => {
        this.#fault('join-failed', `the handshake with ${this.remoteId} failed`, error);
        this.#end('refused');
      });
  }

  async #receive(value: unknown): Promise<void> {
    if (this.#state.phase === 'ended') return;
    const message = decodeWireMessage(value, this.remoteId);
    if (message instanceof RoomError) this.#events.next({ type: 'error', error: message });
    else if (this.#state.phase === 'handshake') await this.#receiveInHandshake(message);
    else this.#receiveAsMember(message);
  }

  async #receiveInHandshake(message: WireMessage): Promise<void> {
    if (message.t === 'ping') return;
    if (message.t === 'bye') return this.#end('bye');
    const outcome = await this.#handshake.receive(message);
    if (this.#state.phase === 'ended' || !outcome) return;
    switch (outcome.type) {
      case 'admitted':
        if (this.#options.joinedThroughDirectory) {
          if (!outcome.member) {
            this.#fault('malformed-message', `${this.remoteId} answers for the room without its member ID`);
            return this.#end('refused');
          }
          this.#remoteId = outcome.member;
        }
        this.#state = { phase: 'admitted', name: outcome.name };
        this.#events.next({ type: 'admitted', name: outcome.name });
        break;
      case 'refused':
        this.#events.next({ type: 'refused', outcome });
        this.#end('refused');
        break;
      case 'broken':
        this.#fault('malformed-message', `${this.remoteId}: ${outcome.detail}`);
        this.#end('refused');
        break;
    }
  }

  #receiveAsMember(message: WireMessage): void {
    switch (message.t) {
      case 'data':
        this.#events.next({ type: 'data', data: message.data, direct: message.direct === true });
        break;
      case 'bye':
        this.#end('bye');
        break;
      case 'view':
        this.#events.next({ type: 'view', size: message.size ?? null });
        break;
      case 'members':
        if (this.#options.joinedThroughDirectory) this.#events.next({ type: 'listed', members: message.members });
        else this.#unexpected(message.t);
        break;
      case 'ping':
        break;
      default:
        this.#unexpected(message.t);
    }
  }

  #unexpected(kind: WireMessage['t']): void {
    this.#fault('unknown-message', `${this.remoteId} sent "${kind}" on an established link`);
  }

  /** Tells the room of something wrong with this member or its link. */
  #fault(reason: RoomErrorReason, message: string, cause?: unknown): void {
    const peerId = this.remoteId;
    this.#events.next({ type: 'error', error: new RoomError(reason, message, cause === undefined ? { peerId } : { cause, peerId }) });
  }

  #sendWire(message: WireBody): void {
    this.channel.send(wire(message)).catch((error: unknown) => {
      // A closed channel ends the link through messages$; anything else is worth telling.
      if (error instanceof ConnectionError && error.reason === 'closed') return;
      this.#fault('send-failed', `could not send to ${this.remoteId}`, error);
    });
  }

  #end(why: LinkEnd): void {
    if (this.#state.phase === 'ended') return;
    this.#state = { phase: 'ended', why };
    this.#owned.unsubscribe();
    // `refused` may still be on its way out: closing now would drop it, so leave the
    // channel to the other side (or to the session's teardown) for a moment.
    if (why === 'refused') this.#scheduler.schedule(() => this.channel.close(), 500);
    else this.channel.close();
    this.#events.next({ type: 'ended', why });
    this.#events.complete();
  }
}
