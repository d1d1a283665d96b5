/**
 * The full mesh behind the mesh transport (see meshTransport.ts): one peer session for this
 * member, links to every other member, calls carrying media both ways. Members meet at the
 * signaling server's room directory where it keeps one (peerstage's own servers: see
 * askMeetingPlace.ts), else at the room's rendezvous ID, held by whichever member can take it
 * (see DirectorySearch.ts): that needs nothing of the server but a stock PeerServer.
 *
 * Its life is one {@link RoomPhase}; each other member is one {@link MemberRecord}; its
 * collaborators (the session, the search, the dialer, each link) tell it what happens through
 * Observables, read in `#onSession`, `#onSearch`, `#onDial` and `#onLink`.
 */
import { BehaviorSubject, filter, ReplaySubject, Subject, Subscription, take, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { assertIceTransportPolicy } from '../rtc/assertIceTransportPolicy.ts';
import { ConnectionError } from '../rtc/errors.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, type PeerSession, type PeerSessionOptions } from '../rtc/PeerSession.ts';
import { peerSession } from '../rtc/peerSessionObservable.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { retryWithPolicy } from '../rtc/retryWithPolicy.ts';
import { admissionKey, type AdmissionKey } from './admission.ts';
import { askMeetingPlace, type MeetingPlace } from './askMeetingPlace.ts';
import type { DirectoryDesk, ListedMember } from './DirectoryDesk.ts';
import { DIRECTORY_TIMEOUT_MS, DirectorySearch, type SearchEvent } from './DirectorySearch.ts';
import { DEFAULT_HEARTBEAT } from './heartbeatPolicy.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { judgeRefusal, type Refusal } from './judgeRefusal.ts';
import type { LinkEnd, LinkEvent } from './LinkEvent.ts';
import { MemberCalls } from './MemberCalls.ts';
import { MemberDialer, type DialEvent } from './MemberDialer.ts';
import { MemberLink, type LinkHandshakeContext } from './MemberLink.ts';
import { MemberRecord } from './MemberRecord.ts';
import { keepsExistingLink } from './pairing.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH, wire } from './protocol.ts';
import { DEFAULT_REDIAL } from './redial.ts';
import { rendezvousId } from './rendezvousId.ts';
import type { RemotePeer } from './RemotePeer.ts';
import type { RoomMessage } from './Room.ts';
import { RoomError } from './RoomError.ts';
import { DEFAULT_UPLINK_KBPS } from './splitUplink.ts';
import { UplinkBudget } from './UplinkBudget.ts';

const ROOM_LABEL = 'peerstage-room';
const HANDSHAKE_TIMEOUT_MS = 10_000;
/**
 * How long a member's link may take to open, and its calls placed or answered meanwhile may
 * wait for it: as long as any connection (calls and links are set up together, and six
 * members on two cores take seconds for each).
 */
const LINK_WAIT_MS = DEFAULT_CONNECT_TIMEOUT_MS;
/**
 * How long a member back from a signaling outage waits before looking after the directory:
 * longer than the jitter between two sessions' reconnects (a quarter of a 5 s backoff step).
 */
const REDISCOVER_AFTER_OUTAGE_MS = 3_000;
/** Entering the server's directory again after a failure: soon, then every 5 s, for as long as the room lasts. */
const DIRECTORY_RETRY = backoffPolicy({ initialDelayMs: 250, maxDelayMs: 5_000, maxAttempts: Number.POSITIVE_INFINITY });
export const DEFAULT_MAX_MEMBERS = 8;

/**
 * Where this member meets the others: not known until its server answers; the server's room
 * directory; or the room's rendezvous ID (a stock PeerServer).
 */
type MeetingPoint = 'asking' | 'server' | 'rendezvous';

/** What this member has once registered: its session, and what places and answers its calls and dials. */
interface Mesh {
  readonly session: PeerSession;
  readonly ownId: string;
  readonly calls: MemberCalls;
  readonly dialer: MemberDialer;
}

/** Where a room is in its life. */
type RoomPhase =
  /** Registering with the signaling server (and deriving the admission key meanwhile). */
  | { readonly phase: 'registering' }
  /** Registered, not in the room yet: `joining` is a newcomer's link to the directory's holder, until it lists the others. */
  | { readonly phase: 'searching'; readonly mesh: Mesh; readonly at: MeetingPoint; readonly joining?: MemberRecord }
  | { readonly phase: 'joined'; readonly mesh: Mesh; readonly at: MeetingPoint }
  | { readonly phase: 'ended' };

export class RoomController {
  readonly self = new ReplaySubject<{ readonly id: string; readonly name?: string }>(1);
  readonly peers = new BehaviorSubject<readonly RemotePeer[]>([]);
  readonly messages = new Subject<RoomMessage>();
  readonly errors = new Subject<RoomError>();
  /** The budget every call this member places shares (see `Room.uplinkKbps$`). */
  readonly uplink: UplinkBudget;

  readonly #roomId: string;
  readonly #options: JoinOptions;
  readonly #maxMembers: number;
  readonly #owned = new Subscription();
  #phase: RoomPhase = { phase: 'registering' };
  /** Each member with a link in place, by member ID. */
  readonly #records = new Map<string, MemberRecord>();
  /** What this member shares now: `options.stream`, with tracks switched by replaceTrack. */
  #shared: MediaStream | undefined;
  /** Derived while the member registers; handshakes wait for it. */
  #key: Promise<AdmissionKey> = Promise.resolve(null);
  readonly #search: DirectorySearch;
  /** Where the room meets on a stock PeerServer (derived from the key in a passphrase room). */
  #rendezvousId: string;
  /** Members who refused this one as a full room, having proved themselves. */
  readonly #fullRefusals = new Set<string>();

  constructor(roomId: string, options: JoinOptions) {
    // A programming error, like a bad argument to RTCPeerConnection: thrown now, not later.
    assertIceTransportPolicy(options.iceTransportPolicy);
    if (roomId.length > MAX_ROOM_ID_LENGTH) throw new RangeError(`a room name has at most ${MAX_ROOM_ID_LENGTH} characters`);
    if ((options.name?.length ?? 0) > MAX_NAME_LENGTH) throw new RangeError(`a member name has at most ${MAX_NAME_LENGTH} characters`);
    this.#roomId = roomId;
    this.#options = options;
    this.#maxMembers = options.maxMembers ?? DEFAULT_MAX_MEMBERS;
    this.#shared = options.stream;
    this.uplink = new UplinkBudget(options.uplinkKbps ?? DEFAULT_UPLINK_KBPS);
    // rendezvousId refuses a name no member could meet under (not well-formed Unicode): at once.
    this.#rendezvousId = rendezvousId(roomId);
    this.#search = new DirectorySearch({
      roomId,
      maxMembers: this.#maxMembers,
      position: () => {
        const mesh = this.#mesh();
        if (!mesh) return undefined;
        const { session } = mesh;
        const joined = this.#phase.phase === 'joined';
        return { session, sessionOptions: this.#sessionOptions(), rendezvousId: this.#rendezvousId, key: this.#key, joined };
      },
      handshake: (remoteId) => this.#context(remoteId),
      listing: () => this.#listing(),
    });
  }

  start(): void {
    this.#key = admissionKey(this.#roomId, this.#options.passphrase);
    this.#key.catch((error: unknown) => this.#fail(new RoomError('join-failed', 'could not derive the admission key', { cause: error })));
    this.#owned.add(this.#search.events$.subscribe((event) => this.#onSearch(event)));
    this.#owned.add(
      peerSession(this.#sessionOptions()).subscribe({
        next: (session) => this.#onSession(session),
        error: (error: unknown) =>
          this.#fail(new RoomError('join-failed', 'could not register with the signaling server', { cause: error })),
      }),
    );
  }

  send(data: unknown, to?: string): void {
    const targets = to === undefined ? [...this.#records.values()].filter((record) => record.peer) : [this.#records.get(to)];
    for (const record of targets) {
      if (!record?.peer) {
        this.errors.next(new RoomError('send-failed', `${to ?? 'someone'} is not in the room`, { peerId: to }));
        continue;
      }
      record.link.send(data, to !== undefined).catch((error: unknown) => this.errors.next(sendError(error, record.remoteId)));
    }
  }

  replaceTrack(track: MediaStreamTrack): void {
    const shared = this.#shared;
    if (this.#phase.phase === 'ended') return;
    // Calls are made with the kinds shared at join: PeerJS cannot add a kind to a call later.
    if (!shared || shared.getTracks().every((existing) => existing.kind !== track.kind)) {
      this.errors.next(new RoomError('media-unsupported', `this member joined sharing no ${track.kind}: there is none to replace`));
      return;
    }
    this.#shared = new MediaStream([...shared.getTracks().filter((existing) => existing.kind !== track.kind), track]);
    this.#mesh()?.calls.setSource(this.#shared);
  }

  leave(): void {
    const phase = this.#phase;
    if (phase.phase === 'ended') return;
    this.#phase = { phase: 'ended' };
    for (const record of [...this.#records.values()]) record.link.close('left');
    if (phase.phase === 'searching') phase.joining?.link.close('left');
    if (phase.phase !== 'registering') {
      phase.mesh.calls.dispose();
      phase.mesh.dialer.dispose();
    }
    this.uplink.dispose();
    this.#search.dispose();
    this.#owned.unsubscribe();
    this.peers.next([]);
    for (const subject of [this.self, this.peers, this.messages, this.errors]) subject.complete();
  }

  #mesh(): Mesh | undefined {
    const phase = this.#phase;
    return phase.phase === 'searching' || phase.phase === 'joined' ? phase.mesh : undefined;
  }

  #sessionOptions(): PeerSessionOptions {
    const { signaling, iceServers, iceTransportPolicy, createPeer } = this.#options;
    // A room keeps its links through any signaling outage: never give up reconnecting.
    const reconnect = this.#options.reconnect ?? backoffPolicy({ maxAttempts: Number.POSITIVE_INFINITY });
    // A room's wire protocol is JSON only: its channels refuse binary from the first frame,
    // so nobody, admitted or not, can make this page assemble a transfer.
    return { signaling, iceServers, iceTransportPolicy, reconnect, createPeer, acceptTransfers: () => false };
  }

  /** Registered (once its ID is known): takes links and calls, and goes to meet the others. */
  #onSession(session: PeerSession): void {
    // Entering the server's directory needs this member's own ID: once registered.
    this.#owned.add(
      session.state$
        .pipe(
          filter((state) => state === 'open'),
          take(1),
        )
        .subscribe(() => this.#registered(session, session.id ?? '')),
    );
  }

  #registered(session: PeerSession, ownId: string): void {
    if (this.#phase.phase !== 'registering') return;
    const calls = new MemberCalls(session, {
      roomId: this.#roomId,
      shared: this.#shared,
      waitForLinkMs: LINK_WAIT_MS,
      linkLabel: ROOM_LABEL,
      uplink: this.uplink,
    });
    const redial = this.#options.redial ?? DEFAULT_REDIAL;
    const dialer = new MemberDialer(session, calls, {
      linkLabel: ROOM_LABEL,
      timeoutMs: LINK_WAIT_MS,
      redial,
      isLinked: (id) => this.#records.has(id),
    });
    const mesh: Mesh = { session, ownId, calls, dialer };
    this.#phase = { phase: 'searching', mesh, at: 'asking' };
    this.#owned.add(dialer.events$.subscribe((event) => this.#onDial(event, mesh)));
    this.#owned.add(calls.incomingLinks$.subscribe((channel) => this.#adopt(channel, channel.remoteId)));
    this.#owned.add(
      session.connections$.subscribe((channel) => {
        if (channel.label === ROOM_LABEL) this.#adopt(channel, channel.remoteId);
        else channel.close();
      }),
    );
    this.#owned.add(session.calls$.subscribe((call) => calls.answer(call)));
    this.#owned.add(this.#watchOutages(session));
    this.#enterDirectory(session);
  }

  /**
   * Tells of a signaling outage; back from it, makes sure the room still has a directory. Not
   * at once at the rendezvous ID: the holder is re-registering it too, and taking it from the
   * holder would cut the links newcomers joined by (they live on its rendezvous session).
   */
  #watchOutages(session: PeerSession): Subscription {
    let outage = false;
    return session.state$.subscribe((state) => {
      if (state === 'reconnecting') {
        outage = true;
        this.errors.next(new RoomError('signaling-unavailable', 'lost the signaling server; links stay up, retrying'));
      }
      if (state === 'open' && outage) {
        outage = false;
        // The server's directory forgot everyone with its restart: enter it again at once.
        if (this.#meetingAt() === 'server') this.#enterDirectory(session);
        else this.#owned.add(timer(REDISCOVER_AFTER_OUTAGE_MS).subscribe(() => this.#search.find()));
      }
    });
  }

  #meetingAt(): MeetingPoint | undefined {
    const phase = this.#phase;
    return phase.phase === 'searching' || phase.phase === 'joined' ? phase.at : undefined;
  }

  /**
   * Enters the room at the server's directory and dials whoever it lists; on a server that
   * keeps no directory, searches for the room's rendezvous ID instead.
   */
  #enterDirectory(session: PeerSession): void {
    const { signaling } = this.#options;
    this.#owned.add(
      askMeetingPlace(session, { roomId: this.#roomId, key: this.#key, signaling })
        .pipe(
          // The directory's failures are worth trying again; a failed key derivation is not (it
          // ends the room by itself).
          retryWithPolicy(DIRECTORY_RETRY, {
            isRetryable: (error) => error instanceof RoomError,
            onRetry: (_attempt, _delayMs, error) =>
              this.errors.next(new RoomError('signaling-unavailable', `${(error as RoomError).message}; trying again`, { cause: error })),
          }),
        )
        .subscribe({ next: (place) => this.#meetAt(place), error: () => undefined }),
    );
  }

  #meetAt({ listing, rendezvousId: keyed }: MeetingPlace): void {
    const phase = this.#phase;
    if (phase.phase !== 'searching' && phase.phase !== 'joined') return;
    this.#rendezvousId = keyed;
    if (listing === null) {
      this.#phase = { ...phase, at: 'rendezvous' };
      this.#search.find();
      return;
    }
    this.#phase = { ...phase, at: 'server' };
    if (listing.members.length === 0 && listing.others > 0) {
      // A hint, not a verdict: whoever is there has not proved anything, and this member is in
      // the room (the first under its passphrase) all the same.
      this.errors.next(new RoomError('wrong-passphrase', 'others are in this room under another passphrase, and nobody under this one'));
    }
    this.#joinedNow();
    this.#dialAll(listing.members.map((memberId) => ({ id: memberId })));
  }

  #onSearch(event: SearchEvent): void {
    if (event.type === 'holding') this.#joinedNow();
    else if (event.type === 'joiner') this.#adoptJoiner(event.channel, event.desk);
    else if (event.type === 'join-channel') this.#joinOn(event.channel, event.dialing);
    else if (event.type === 'error') this.errors.next(event.error);
    else {
      this.#joinedNow();
      this.#dialAll(event.members);
    }
  }

  #onDial(event: DialEvent, mesh: Mesh): void {
    if (event.type === 'error') {
      this.errors.next(event.error);
      return;
    }
    const record = this.#adopt(event.channel, mesh.ownId);
    if (record) record.owned.add(event.dial);
    else event.dial.unsubscribe();
  }

  /**
   * Joins on `channel` to the room's rendezvous ID: once admitted it is the link with the
   * holder, who then lists whom else to dial (the `listed` link event).
   */
  #joinOn(channel: DataChannel, dialing: Subscription): void {
    const phase = this.#phase;
    if (phase.phase !== 'searching') {
      // In the room meanwhile (its server answered): no join, and the search is over.
      dialing.unsubscribe();
      this.#search.found();
      return;
    }
    const context = this.#context(channel.remoteId);
    const link = new MemberLink(channel, phase.mesh.ownId, context, { ...this.#linkOptions(), joinedThroughDirectory: true });
    const record = new MemberRecord(link);
    this.#phase = { ...phase, joining: record };
    record.owned.add(dialing);
    // A holder that never lists: search again, as for any directory that does not answer.
    record.owned.add(timer(DIRECTORY_TIMEOUT_MS).subscribe(() => this.#isJoining(record) && link.close('silent')));
    this.#start(record);
  }

  /** The holder's side of a newcomer's join channel: the newcomer's link, listed and called once its proof checks out. */
  #adoptJoiner(channel: DataChannel, desk: DirectoryDesk): void {
    const context = {
      // The newcomer dialed the rendezvous ID: its proof is bound to that, and it learns who
      // this member is from the intro, once it has proved itself.
      selfId: this.#rendezvousId,
      memberId: this.#mesh()?.ownId,
      refusal: () => desk.refusalFor(channel.remoteId),
    };
    // Called once admitted and listed (see `#admitted`): lists first, as everyone joining at
    // once waits for theirs, and a newcomer that never proves itself is never called.
    this.#adopt(channel, channel.remoteId, { context, desk });
  }

  /** Dials every listed member but this one. */
  #dialAll(members: readonly ListedMember[]): void {
    const mesh = this.#mesh();
    for (const member of members) if (mesh && member.id !== mesh.ownId) mesh.dialer.dial(member.id);
  }

  /** Takes a new channel as the link to its member, unless a link that wins the tie exists. */
  #adopt(
    channel: DataChannel,
    dialedBy: string,
    { context = {}, desk }: { context?: Partial<LinkHandshakeContext>; desk?: DirectoryDesk } = {},
  ): MemberRecord | undefined {
    if (!this.#makeRoomFor(channel.remoteId, dialedBy)) {
      channel.close();
      return undefined;
    }
    const link = new MemberLink(channel, dialedBy, { ...this.#context(channel.remoteId), ...context }, this.#linkOptions());
    const record = new MemberRecord(link, desk);
    this.#records.set(channel.remoteId, record);
    this.#start(record);
    if (!desk) this.#mesh()?.calls.bind(record, record.owned);
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
    else if (event.type === 'listed') this.#listed(record, event.members);
    else if (event.type === 'data')
      this.messages.next(event.direct ? { from, data: event.data, direct: true } : { from, data: event.data });
    else if (event.type === 'view') this.uplink.showAt(from, event.size);
    else if (event.type === 'refused') this.#refused(record, event.outcome);
    else if (event.type === 'error') this.errors.next(event.error);
    else this.#ended(record, event.why);
  }

  #admitted(record: MemberRecord, name: string | undefined): void {
    const mesh = this.#mesh();
    if (!mesh) return;
    if (this.#isJoining(record)) {
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
    this.peers.next([...this.peers.value, record.admit(name)]);
    mesh.calls.open(record.remoteId);
  }

  #listed(record: MemberRecord, members: readonly ListedMember[]): void {
    const phase = this.#phase;
    if (phase.phase !== 'searching' || phase.joining !== record) return;
    this.#phase = { phase: 'searching', mesh: phase.mesh, at: phase.at };
    this.#search.found();
    this.#joinedNow();
    this.#dialAll(members.filter((member) => member.id !== record.remoteId));
  }

  #refused(record: MemberRecord, refusal: Refusal): void {
    const verdict = judgeRefusal(refusal, {
      peerId: record.remoteId,
      onJoinLink: this.#isJoining(record),
      atServer: this.#meetingAt() === 'server',
    });
    if (verdict.ends) {
      this.#fail(verdict.ends);
      return;
    }
    if (verdict.report) this.errors.next(verdict.report);
    if (!verdict.provenFull) return;
    this.#fullRefusals.add(record.remoteId);
    if (this.#fullRefusals.size >= this.#maxMembers - 1 && this.#admittedCount() === 0)
      this.#fail(new RoomError('room-full', 'the room is full'));
  }

  #ended(record: MemberRecord, why: LinkEnd): void {
    const remoteId = record.remoteId;
    if (this.#records.get(remoteId) === record) this.#records.delete(remoteId);
    // Its view of this member's video goes with it (a link that replaced it tells its own).
    if (record.peer && !this.#records.has(remoteId)) this.uplink.showAt(remoteId, null);
    const phase = this.#phase;
    if (phase.phase === 'searching' && phase.joining === record) {
      // Ended before the holder listed the others: find the directory again.
      this.#phase = { phase: 'searching', mesh: phase.mesh, at: phase.at };
      this.#search.retryLater();
    }
    record.release();
    const mesh = this.#mesh();
    if (!mesh) return;
    if (record.link.dialedBy === mesh.ownId) mesh.dialer.linkEnded(remoteId, why, record.peer !== undefined);
    if (record.peer) {
      this.peers.next(this.peers.value.filter((peer) => peer !== record.peer));
      // It may have held the directory: someone must take it up.
      if (why !== 'replaced' && this.#meetingAt() === 'rendezvous') this.#search.find();
    }
  }

  #isJoining(record: MemberRecord): boolean {
    const phase = this.#phase;
    return phase.phase === 'searching' && phase.joining === record;
  }

  #linkOptions() {
    return {
      heartbeat: this.#options.heartbeat ?? DEFAULT_HEARTBEAT,
      handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
      // A member whose link fell quiet but who answers through the signaling server has lost
      // its path, not left: it is held while the session restarts ICE.
      reachable: (remoteId: string) => this.#mesh()?.session.reachable(remoteId) ?? Promise.resolve(false),
    };
  }

  #context(remoteId: string): LinkHandshakeContext {
    return {
      roomId: this.#roomId,
      selfId: this.#mesh()?.ownId ?? '',
      remoteId,
      name: this.#options.name,
      key: this.#key,
      refusal: () => (this.#admittedCount() + 1 >= this.#maxMembers && !this.#records.get(remoteId)?.peer ? 'room-full' : null),
    };
  }

  #admittedCount(): number {
    let count = 0;
    for (const record of this.#records.values()) if (record.peer) count += 1;
    return count;
  }

  #listing(): ListedMember[] {
    const self = { id: this.#mesh()?.ownId ?? '', name: this.#options.name };
    return [self, ...this.peers.value.map(({ id, name }) => ({ id, name }))];
  }

  #joinedNow(): void {
    const phase = this.#phase;
    if (phase.phase !== 'searching') return;
    this.#phase = { phase: 'joined', mesh: phase.mesh, at: phase.at };
    this.self.next({ id: phase.mesh.ownId, name: this.#options.name });
  }

  #fail(error: RoomError): void {
    if (this.#phase.phase === 'ended') return;
    this.errors.next(error);
    this.leave();
  }
}

function sendError(error: unknown, peerId: string): RoomError {
  if (error instanceof ConnectionError && error.reason === 'too-large') {
    return new RoomError('message-too-large', error.message, { cause: error, peerId });
  }
  return new RoomError('send-failed', `could not send to ${peerId}`, { cause: error, peerId });
}
