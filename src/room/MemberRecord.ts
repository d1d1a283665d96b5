/**
 * Everything this member keeps for one other member: its link, the calls bound to it (see
 * MemberCalls.ts), the media they bring, and once admitted the {@link RemotePeer} the room
 * hands out. One `release()` lets go of all of it.
 */
import { BehaviorSubject, Subscription } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError } from '../rtc/errors.ts';
import type { DirectoryDesk } from './DirectoryDesk.ts';
import type { CallsLink } from './MemberCalls.ts';
import type { MemberLink } from './MemberLink.ts';
import { connectionState, connectionStatsOf, type HoldsPeerConnection, watchedConnection } from './memberConnection.ts';
import type { RemotePeer } from './RemotePeer.ts';
import { RoomError } from './RoomError.ts';

export class MemberRecord implements CallsLink {
  readonly link: MemberLink;
  /**
   * The directory this member holds, when the link is a newcomer's join link to it: the
   * newcomer gets its listing once admitted.
   */
  readonly desk: DirectoryDesk | undefined;
  /** What lives as long as the link: its dial, its calls, the room's reading of its events. */
  readonly owned = new Subscription();
  /** The member's media, fed by the call it makes to this side. */
  readonly stream = new BehaviorSubject<MediaStream | null>(null);
  /** The call that brings the member's media, once answered. */
  readonly call = new BehaviorSubject<HoldsPeerConnection | null>(null);
  #peer: RemotePeer | undefined;

  constructor(link: MemberLink, desk?: DirectoryDesk) {
    this.link = link;
    this.desk = desk;
  }

  /** The member's ID (see `MemberLink.remoteId`). */
  get remoteId(): string {
    return this.link.remoteId;
  }

  get channel(): DataChannel {
    return this.link.channel;
  }

  /** What the room hands out for this member: `undefined` until admitted. */
  get peer(): RemotePeer | undefined {
    return this.#peer;
  }

  /**
   * The link admitted the member, calling itself `name`: makes its {@link RemotePeer}.
   *
   * @example
   * ```ts
   * const peer = record.admit('Ada');
   * peer.stream$.subscribe((stream) => console.log(stream?.id));
   * ```
   */
  admit(name: string | undefined): RemotePeer {
    const connection$ = watchedConnection(this.channel, this.call);
    this.#peer = {
      id: this.remoteId,
      name,
      stream$: this.stream.asObservable(),
      connectionState$: connectionState(connection$),
      stats: (options) => connectionStatsOf(connection$, options),
      showVideoAt: (size) => this.link.tellView(size),
    };
    return this.#peer;
  }

  /**
   * Sends an application message to the member (`direct`: to it alone). Rejects with a
   * `RoomError`: `message-too-large`, or `send-failed`.
   *
   * @example
   * ```ts
   * record.send({ text: 'hi' }, false).catch((error: RoomError) => console.warn(error.reason));
   * ```
   */
  async send(data: unknown, direct: boolean): Promise<void> {
    const peerId = this.remoteId;
    try {
      await this.link.send(data, direct);
    } catch (error: unknown) {
      if (error instanceof ConnectionError && error.reason === 'too-large') {
        throw new RoomError('message-too-large', error.message, { cause: error, peerId });
      }
      throw new RoomError('send-failed', `could not send to ${peerId}`, { cause: error, peerId });
    }
  }

  /**
   * Lets go of the member: hangs up its calls, ends what the link owns, and completes its
   * stream with `null`. The link itself ends first (it says why). Idempotent.
   *
   * @example
   * ```ts
   * record.link.close('left');
   * record.release();
   * ```
   */
  release(): void {
    if (this.owned.closed) return;
    this.owned.unsubscribe();
    this.stream.next(null);
    this.stream.complete();
    this.call.complete();
  }
}
