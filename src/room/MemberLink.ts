/**
 * One link of the mesh: the data channel to one other member, from handshake to goodbye.
 * It admits the member (see {@link Handshake}), keeps the heartbeat, delivers its messages in
 * order, and says why it ended.
 */
import { asyncScheduler, BehaviorSubject, interval, Subscription, type SchedulerLike } from 'rxjs';
import { ConnectionError } from '../rtc/errors.ts';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { dtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { msSinceTransportHeard } from '../rtc/msSinceTransportHeard.ts';
import { connectionState, connectionStatsOf, watchedConnection, type HoldsPeerConnection } from './memberConnection.ts';
import { Handshake, type HandshakeContext, type HandshakeOutcome } from './Handshake.ts';
import type { HeartbeatPolicy } from './heartbeatPolicy.ts';
import { decodeWireMessage, wire, type WireBody, type WireMessage, type WireMessageOf } from './protocol.ts';
import type { RemotePeer } from './RemotePeer.ts';
import { RoomError } from './RoomError.ts';
import { checkedViewSize, type VideoSize } from './splitUplink.ts';
import { watchSilence } from './watchSilence.ts';

export type LinkEnd = 'bye' | 'closed' | 'silent' | 'refused' | 'replaced' | 'left';

export interface LinkEvents {
  /**
   * The member's proof checked out. What is for members only may be sent from here on: this
   * side's proof went out before it, so the member has admitted this side when it arrives.
   */
  admitted(link: MemberLink): void;
  /** The directory's holder, on the link a newcomer joined by, listed whom else to dial. */
  listed(link: MemberLink, members: WireMessageOf<'members'>['members']): void;
  data(link: MemberLink, data: unknown, direct: boolean): void;
  /** The member shows this side's video at most `size` large (device pixels), or at any size (`null`). */
  view(link: MemberLink, size: VideoSize | null): void;
  refused(link: MemberLink, outcome: Extract<HandshakeOutcome, { type: 'refused' }>): void;
  error(error: RoomError): void;
  ended(link: MemberLink, why: LinkEnd): void;
}

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

const defaultTransportQuietMs = (channel: DataChannel) => msSinceTransportHeard(channel.peerConnection);

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
  /** What the room hands out for this member, once admitted. */
  peer: RemotePeer | undefined;
  /** The member's media, fed by the call it makes to this side. */
  readonly stream = new BehaviorSubject<MediaStream | null>(null);
  /** The call that brings the member's media, once answered. */
  readonly call = new BehaviorSubject<HoldsPeerConnection | null>(null);

  readonly #events: LinkEvents;
  readonly #options: LinkOptions;
  readonly #handshake: Handshake;
  readonly #owned = new Subscription();
  readonly #scheduler: SchedulerLike;
  /** Messages are handled one at a time, in order: the handshake awaits crypto. */
  #queue: Promise<void> = Promise.resolve();
  #lastHeardAt: number;
  #heardBeforeAdmission = 0;
  #remoteId: string;
  #ended = false;
  /** The view of the member's video last told it, so the same one is not sent again. */
  #toldView: VideoSize | null = null;

  constructor(channel: DataChannel, dialedBy: string, context: LinkHandshakeContext, options: LinkOptions, events: LinkEvents) {
    this.channel = channel;
    this.#remoteId = channel.remoteId;
    this.dialedBy = dialedBy;
    this.#events = events;
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
    return this.peer !== undefined;
  }

  /**
   * Starts the handshake, the heartbeat and the reading of messages.
   *
   * @example
   * ```ts
   * declare const context: LinkHandshakeContext, options: LinkOptions, events: LinkEvents;
   * new MemberLink(channel, channel.remoteId, context, options, events).start(); // the other end dialed
   * ```
   */
  start(): void {
    this.#owned.add(
      this.channel.messages$.subscribe({
        next: (value) => {
          this.#lastHeardAt = this.#scheduler.now();
          if (!this.isAdmitted) {
            this.#heardBeforeAdmission += 1;
            if (this.#heardBeforeAdmission > MAX_MESSAGES_BEFORE_ADMISSION) {
              this.#events.error(
                new RoomError(
                  'malformed-message',
                  `${this.remoteId} sent more than ${MAX_MESSAGES_BEFORE_ADMISSION} messages before proving itself`,
                  {
                    peerId: this.remoteId,
                  },
                ),
              );
              return this.#end('refused');
            }
          }
          this.#queue = this.#queue
            .then(() => this.#receive(value))
            // Only the handshake's crypto can fail here (no WebCrypto outside a secure context).
            .catch((error: unknown) => {
              this.#events.error(
                new RoomError('join-failed', `the handshake with ${this.remoteId} failed`, { cause: error, peerId: this.remoteId }),
              );
              this.#end('refused');
            });
        },
        complete: () => this.#end('closed'),
      }),
    );
    this.#owned.add(
      this.channel.errors$.subscribe((error) =>
        this.#events.error(
          new RoomError(error.reason === 'too-large' ? 'message-too-large' : 'malformed-message', error.message, {
            cause: error,
            peerId: this.remoteId,
          }),
        ),
      ),
    );
    this.#owned.add(
      interval(this.#options.heartbeat.heartbeatMs, this.#scheduler).subscribe(() => {
        if (this.isAdmitted) this.#sendWire({ t: 'ping' });
      }),
    );
    this.#owned.add(
      watchSilence({
        heartbeat: this.#options.heartbeat,
        scheduler: this.#scheduler,
        lastHeardAt: () => this.#lastHeardAt,
        transportQuietMs: () => (this.#options.transportQuietMs ?? defaultTransportQuietMs)(this.channel),
        reachable: this.#options.reachable && (() => this.#options.reachable?.(this.remoteId) ?? Promise.resolve(false)),
        gone: () => this.#end('silent'),
      }),
    );
    this.#owned.add(
      this.#scheduler.schedule(() => {
        if (!this.isAdmitted) this.#end('silent');
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
   * Ends the link; with `'left'` the member is told first (a graceful leave). Idempotent.
   *
   * @example
   * ```ts
   * link.close('left');
   * ```
   */
  close(why: LinkEnd): void {
    if (why === 'left' && !this.#ended && this.channel.isOpen) this.#sendWire({ t: 'bye' });
    this.#end(why);
  }

  async #receive(value: unknown): Promise<void> {
    if (this.#ended) return;
    const message = decodeWireMessage(value, this.remoteId);
    if (message instanceof RoomError) {
      this.#events.error(message);
      return;
    }
    if (!this.isAdmitted) await this.#receiveInHandshake(message);
    else this.#receiveAsMember(message);
  }

  async #receiveInHandshake(message: WireMessage): Promise<void> {
    if (message.t === 'ping') return;
    if (message.t === 'bye') return this.#end('bye');
    const outcome = await this.#handshake.receive(message);
    if (this.#ended || !outcome) return;
    switch (outcome.type) {
      case 'admitted':
        if (this.#options.joinedThroughDirectory) {
          if (!outcome.member) {
            this.#events.error(
              new RoomError('malformed-message', `${this.remoteId} answers for the room without its member ID`, { peerId: this.remoteId }),
            );
            return this.#end('refused');
          }
          this.#remoteId = outcome.member;
        }
        this.peer = this.#remotePeer(outcome.name);
        this.#events.admitted(this);
        break;
      case 'refused':
        this.#events.refused(this, outcome);
        this.#end('refused');
        break;
      case 'broken':
        this.#events.error(new RoomError('malformed-message', `${this.remoteId}: ${outcome.detail}`, { peerId: this.remoteId }));
        this.#end('refused');
        break;
    }
  }

  #receiveAsMember(message: WireMessage): void {
    switch (message.t) {
      case 'data':
        this.#events.data(this, message.data, message.direct === true);
        break;
      case 'bye':
        this.#end('bye');
        break;
      case 'view':
        this.#events.view(this, message.size ?? null);
        break;
      case 'members':
        if (this.#options.joinedThroughDirectory) this.#events.listed(this, message.members);
        else this.#unexpected(message.t);
        break;
      case 'ping':
        break;
      default:
        this.#unexpected(message.t);
    }
  }

  #unexpected(kind: WireMessage['t']): void {
    this.#events.error(
      new RoomError('unknown-message', `${this.remoteId} sent "${kind}" on an established link`, { peerId: this.remoteId }),
    );
  }

  #remotePeer(name: string | undefined): RemotePeer {
    const connection$ = watchedConnection(this.channel, this.call);
    return {
      id: this.remoteId,
      name,
      stream$: this.stream.asObservable(),
      connectionState$: connectionState(connection$),
      stats: (options) => connectionStatsOf(connection$, options),
      showVideoAt: (size) => this.#tellView(size),
    };
  }

  /** Tells the member how large its video is shown here, when that changed. */
  #tellView(size: VideoSize | null): void {
    const view = size && checkedViewSize(size);
    const told = this.#toldView;
    if (this.#ended || (view ? told?.width === view.width && told.height === view.height : told === null)) return;
    this.#toldView = view;
    this.#sendWire(view ? { t: 'view', size: view } : { t: 'view' });
  }

  #sendWire(message: WireBody): void {
    this.channel.send(wire(message)).catch((error: unknown) => {
      // A closed channel ends the link through messages$; anything else is worth telling.
      if (error instanceof ConnectionError && error.reason === 'closed') return;
      this.#events.error(new RoomError('send-failed', `could not send to ${this.remoteId}`, { cause: error, peerId: this.remoteId }));
    });
  }

  #end(why: LinkEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#owned.unsubscribe();
    // `refused` may still be on its way out: closing now would drop it, so leave the
    // channel to the other side (or to the session's teardown) for a moment.
    if (why === 'refused') this.#scheduler.schedule(() => this.channel.close(), 500);
    else this.channel.close();
    this.stream.next(null);
    this.stream.complete();
    this.call.complete();
    this.#events.ended(this, why);
  }
}
