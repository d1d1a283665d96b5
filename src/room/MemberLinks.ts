/**
 * The links a registered member has with the others of its room: one {@link MemberRecord} per
 * member, from the channel it comes on through admission to its end. Of two links to the same
 * member, the pair's tie-break keeps one (see pairing.ts). What the links tell reaches the
 * room through its roster, messages and errors; a refusal that ends the room comes out of
 * `fatal$`.
 */
import { type BehaviorSubject, type Observable, Subject, type Subscription } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { AdmissionKey } from './admission.ts';
import type { DirectoryDesk, ListedMember } from './DirectoryDesk.ts';
import { DEFAULT_HEARTBEAT, type HeartbeatPolicy } from './heartbeatPolicy.ts';
import { judgeRefusal, type Refusal } from './judgeRefusal.ts';
import type { LinkEnd, LinkEvent } from './LinkEvent.ts';
import type { Mesh } from './Mesh.ts';
import { type LinkHandshakeContext, MemberLink } from './MemberLink.ts';
import { MemberRecord } from './MemberRecord.ts';
import { keepsExistingLink } from './pairing.ts';
import { wire } from './protocol.ts';
import type { RemotePeer } from './RemotePeer.ts';
import type { RoomMessage } from './Room.ts';
import { RoomError } from './RoomError.ts';
import type { UplinkBudget } from './UplinkBudget.ts';

/** How long a link's handshake may take before the link is dropped. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface MemberLinksContext {
  readonly roomId: string;
  /** This member's display name. */
  readonly name: string | undefined;
  readonly key: Promise<AdmissionKey>;
  readonly maxMembers: number;
  readonly heartbeat: HeartbeatPolicy | undefined;
  readonly uplink: UplinkBudget;
  /** The room's roster, messages and errors, which the links feed. */
  readonly peers: BehaviorSubject<readonly RemotePeer[]>;
  readonly messages: Subject<RoomMessage>;
  readonly errors: Subject<RoomError>;
}

export class MemberLinks {
  /** The refusal that ends the room (a full room, proved): emits once. */
  readonly fatal$: Observable<RoomError>;
  readonly #fatal = new Subject<RoomError>();
  readonly #mesh: Mesh;
  readonly #context: MemberLinksContext;
  /** Each member with a link in place, by member ID. */
  readonly #records = new Map<string, MemberRecord>();
  /** Members who refused this one as a full room, having proved themselves. */
  readonly #fullRefusals = new Set<string>();
  /** Left: links that end now end with the room, and change nothing else. */
  #phase: 'linking' | 'left' = 'linking';

  constructor(mesh: Mesh, context: MemberLinksContext) {
    this.#mesh = mesh;
    this.#context = context;
    this.fatal$ = this.#fatal.asObservable();
  }

  /** Whether this member has a link to `remoteId` in place (admitted or not yet): `links.isLinked('bo')`. */
  isLinked(remoteId: string): boolean {
    return this.#records.has(remoteId);
  }

  /**
   * Sends `data` to every admitted member, or to `to` alone; one that is not in the room is
   * reported on the room's errors.
   *
   * @example
   * ```ts
   * declare const links: MemberLinks;
   * links.send({ text: 'hi' });
   * ```
   */
  send(data: unknown, to?: string): void {
    const targets = to === undefined ? [...this.#records.values()].filter((record) => record.peer) : [this.#records.get(to)];
    for (const record of targets) {
      if (!record?.peer) {
        this.#context.errors.next(new RoomError('send-failed', `${to ?? 'someone'} is not in the room`, { peerId: to }));
        continue;
      }
      record.send(data, to !== undefined).catch((error: RoomError) => this.#context.errors.next(error));
    }
  }

  /**
   * Ends every link, telling each member goodbye, and stops telling.
   *
   * @example
   * ```ts
   * declare const links: MemberLinks;
   * links.leave();
   * ```
   */
  leave(): void {
    this.#phase = 'left';
    this.#fatal.complete();
    for (const record of [...this.#records.values()]) record.link.close('left');
  }

  /**
   * Joins on `channel` to the room's rendezvous ID: once admitted it is the link with the
   * holder, who then lists whom else to dial (the `listed` link event). `dialing` is its
   * connection, which the link owns.
   *
   * @example
   * ```ts
   * import { Subscription } from 'rxjs';
   * declare const links: MemberLinks;
   * links.joinOn(channel, new Subscription());
   * ```
   */
  joinOn(channel: DataChannel, dialing: Subscription): void {
    const { ownId, meeting } = this.#mesh;
    const link = new MemberLink(channel, ownId, this.handshake(channel.remoteId), { ...this.#linkOptions(), joinedThroughDirectory: true });
    const record = new MemberRecord(link);
    record.owned.add(dialing);
    if (meeting.joinBy(record)) this.#start(record);
    else record.release();
  }

  /**
   * The holder's side of a newcomer's join channel: the newcomer's link, listed and called
   * once its proof checks out.
   *
   * @example
   * ```ts
   * declare const links: MemberLinks;
   * links.adoptJoiner(channel, desk);
   * ```
   */
  adoptJoiner(channel: DataChannel, desk: DirectoryDesk): void {
    const { ownId, meeting } = this.#mesh;
    const context = {
      // The newcomer dialed the rendezvous ID: its proof is bound to that, and it learns who
      // this member is from the intro, once it has proved itself.
      selfId: meeting.rendezvousId,
      memberId: ownId,
      refusal: () => desk.refusalFor(channel.remoteId),
    };
    // Called once admitted and listed (see `#admitted`): lists first, as everyone joining at
    // once waits for theirs, and a newcomer that never proves itself is never called.
    this.adopt(channel, channel.remoteId, { context, desk });
  }

  /**
   * Takes a new channel as the link to its member, unless a link that wins the tie exists;
   * `dialedBy` is whoever opened it.
   *
   * @example
   * ```ts
   * declare const links: MemberLinks;
   * session.connections$.subscribe((incoming) => links.adopt(incoming, incoming.remoteId));
   * ```
   */
  adopt(
    channel: DataChannel,
    dialedBy: string,
    { context = {}, desk }: { context?: Partial<LinkHandshakeContext>; desk?: DirectoryDesk } = {},
  ): MemberRecord | undefined {
    if (!this.#makeRoomFor(channel.remoteId, dialedBy)) {
      channel.close();
      return undefined;
    }
    const link = new MemberLink(channel, dialedBy, { ...this.handshake(channel.remoteId), ...context }, this.#linkOptions());
    const record = new MemberRecord(link, desk);
    this.#records.set(channel.remoteId, record);
    this.#start(record);
    if (!desk) this.#mesh.calls.bind(record, record.owned);
    return record;
  }

  /**
   * Whether a link to `remoteId` that `dialedBy` dialed may take its place: not if the link
   * in place wins the pair's tie (see pairing.ts); else the link in place is replaced.
   */
  #makeRoomFor(remoteId: string, dialedBy: string): boolean {
    const existing = this.#records.get(remoteId);
    if (!existing) return true;
    if (keepsExistingLink(existing.link.dialedBy, dialedBy)) return false;
    existing.link.close('replaced');
    return true;
  }

  /** Reads `record`'s link events until it ends, then starts it. */
  #start(record: MemberRecord): void {
    record.owned.add(record.link.events$.subscribe((event) => this.#onLink(record, event)));
    record.link.start();
  }

  #onLink(record: MemberRecord, event: LinkEvent): void {
    const from = record.remoteId;
    if (event.type === 'admitted') this.#admitted(record, event.name);
    else if (event.type === 'listed') this.#mesh.meeting.listed(record, event.members);
    else if (event.type === 'data')
      this.#context.messages.next(event.direct ? { from, data: event.data, direct: true } : { from, data: event.data });
    else if (event.type === 'view') this.#context.uplink.showAt(from, event.size);
    else if (event.type === 'refused') this.#refused(record, event.outcome);
    else if (event.type === 'error') this.#context.errors.next(event.error);
    else this.#ended(record, event.why);
  }

  #admitted(record: MemberRecord, name: string | undefined): void {
    const mesh = this.#mesh;
    if (mesh.meeting.isJoining(record)) {
      // The join link is admitted: now it is known whose it is, it takes its place among the links.
      if (!this.#makeRoomFor(record.remoteId, record.link.dialedBy)) {
        record.link.close('replaced');
        return;
      }
      this.#records.set(record.remoteId, record);
      mesh.calls.bind(record, record.owned);
    }
    if (record.desk) {
      // A newcomer that proved itself learns whom else to dial before anything else happens
      // here: everyone joining at once waits for theirs. It is listed to those who come after
      // it at once, before it has any other link: one of each pair that joins at once must
      // know of the other. Then it is called.
      const members = record.desk.listingFor(record.remoteId, mesh.ownId);
      record.channel.send(wire({ t: 'members', members })).catch(() => undefined);
      record.desk.listed(record.remoteId);
      mesh.calls.bind(record, record.owned);
    }
    mesh.dialer.admitted(record.remoteId);
    this.#context.peers.next([...this.#context.peers.value, record.admit(name)]);
    mesh.calls.open(record.remoteId);
  }

  #refused(record: MemberRecord, refusal: Refusal): void {
    const { meeting } = this.#mesh;
    const source = { peerId: record.remoteId, onJoinLink: meeting.isJoining(record), atServer: meeting.atServer };
    const verdict = judgeRefusal(refusal, source);
    if (verdict.ends) {
      this.#fatal.next(verdict.ends);
      return;
    }
    if (verdict.report) this.#context.errors.next(verdict.report);
    if (!verdict.provenFull) return;
    this.#fullRefusals.add(record.remoteId);
    if (this.#fullRefusals.size >= this.#context.maxMembers - 1 && this.#admittedCount() === 0)
      this.#fatal.next(new RoomError('room-full', 'the room is full'));
  }

  #ended(record: MemberRecord, why: LinkEnd): void {
    const remoteId = record.remoteId;
    if (this.#records.get(remoteId) === record) this.#records.delete(remoteId);
    // Its view of this member's video goes with it (a link that replaced it tells its own).
    if (record.peer && !this.#records.has(remoteId)) this.#context.uplink.showAt(remoteId, null);
    record.release();
    if (this.#phase === 'left') return;
    const mesh = this.#mesh;
    mesh.meeting.linkEnded(record, why);
    mesh.dialer.linkEnded(remoteId, why, { admitted: record.peer !== undefined, dialedHere: record.link.dialedBy === mesh.ownId });
    const gone = record.peer;
    if (gone) this.#context.peers.next(this.#context.peers.value.filter((peer) => peer !== gone));
  }

  #linkOptions() {
    return {
      heartbeat: this.#context.heartbeat ?? DEFAULT_HEARTBEAT,
      handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
      // A member whose link fell quiet but who answers through the signaling server has lost
      // its path, not left: it is held while the session restarts ICE.
      reachable: (remoteId: string) => this.#mesh.session.reachable(remoteId),
    };
  }

  /**
   * The handshake this member runs with `remoteId`: a member past the room's size is refused.
   *
   * @example
   * ```ts
   * declare const links: MemberLinks;
   * links.handshake('bo').refusal(); // → 'room-full' or null
   * ```
   */
  handshake(remoteId: string): LinkHandshakeContext {
    return {
      roomId: this.#context.roomId,
      selfId: this.#mesh.ownId,
      remoteId,
      name: this.#context.name,
      key: this.#context.key,
      refusal: () => (this.#admittedCount() + 1 >= this.#context.maxMembers && !this.#records.get(remoteId)?.peer ? 'room-full' : null),
    };
  }

  #admittedCount(): number {
    return [...this.#records.values()].filter((record) => record.peer).length;
  }

  /** This member and those admitted, for the directory's listing: `[{ id: 'me', name: 'Ada' }, { id: 'bo' }]`. */
  listing(): ListedMember[] {
    const self = { id: this.#mesh.ownId, name: this.#context.name };
    return [self, ...this.#context.peers.value.map(({ id, name }) => ({ id, name }))];
  }
}
