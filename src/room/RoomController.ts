/**
 * The full mesh behind `joinRoom`: one peer session for this member, links to every other
 * member, calls carrying media both ways. Members meet at the signaling server's room
 * directory where it keeps one (peerstage's own servers: see enterRoomDirectory.ts), else at
 * the room's rendezvous ID, held by whichever member can take it (see DirectorySearch.ts):
 * that needs nothing of the server but a stock PeerServer.
 */
import { BehaviorSubject, defer, filter, ReplaySubject, Subject, Subscription, take, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { assertIceTransportPolicy } from '../rtc/assertIceTransportPolicy.ts';
import { ConnectionError } from '../rtc/errors.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, type PeerSession } from '../rtc/PeerSession.ts';
import { peerSession } from '../rtc/peerSessionObservable.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { retryWithPolicy } from '../rtc/retryWithPolicy.ts';
import { signalingAtPageOrigin } from '../rtc/signalingOptions.ts';
import { admissionKey, directoryLock, type AdmissionKey } from './admission.ts';
import type { DirectoryDesk, ListedMember } from './DirectoryDesk.ts';
import { DIRECTORY_TIMEOUT_MS, DirectorySearch } from './DirectorySearch.ts';
import { DEFAULT_HEARTBEAT } from './heartbeatPolicy.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { LostLinks } from './LostLinks.ts';
import { keepsExistingLink } from './pairing.ts';
import type { HandshakeOutcome } from './Handshake.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH, wire } from './protocol.ts';
import { DEFAULT_UPLINK_KBPS } from './splitUplink.ts';
import { UplinkBudget } from './UplinkBudget.ts';
import { MemberCalls } from './MemberCalls.ts';
import { enterRoomDirectory } from './enterRoomDirectory.ts';
import { MemberLink, type LinkEnd, type LinkEvents, type LinkHandshakeContext, type LinkOptions } from './MemberLink.ts';
import { DEFAULT_REDIAL, dialWorthRetrying, handshakeWorthRetrying, linkLostWithoutLeaving } from './redial.ts';
import { keyedRendezvousId, rendezvousId } from './rendezvousId.ts';
import { roomTag, type DirectoryListing } from './roomDirectoryWire.ts';
import type { RemotePeer } from './RemotePeer.ts';
import { RoomError } from './RoomError.ts';
import type { RoomMessage } from './Room.ts';

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
  readonly #links = new Map<string, MemberLink>();
  /** What each link owns besides its channel: its dial, its calls. */
  readonly #linkOwned = new Map<MemberLink, Subscription>();
  readonly #calls: MemberCalls;
  /** Which try the dial to each member not admitted yet is (1 for the first). */
  readonly #dialAttempts = new Map<string, number>();
  /** Links this member dialed and lost though neither left: when to dial their members again. */
  readonly #lostLinks: LostLinks;
  /** What this member shares now: `options.stream`, with tracks switched by replaceTrack. */
  #shared: MediaStream | undefined;
  #session: PeerSession | undefined;
  /** Derived while the member registers; handshakes wait for it. */
  #key: Promise<AdmissionKey> = Promise.resolve(null);
  readonly #directory: DirectorySearch;
  /** This newcomer's link to the directory's holder, until the holder lists whom else to dial. */
  #joining: MemberLink | undefined;
  /** Links newcomers joined by at this member's directory: each gets the list once admitted. */
  readonly #joiners = new Map<MemberLink, DirectoryDesk>();
  #meeting: MeetingPoint = 'asking';
  /** Where the room meets on a stock PeerServer (derived from the key in a passphrase room). */
  #rendezvousId: string;
  /** Members who refused this one as a full room, having proved themselves. */
  readonly #fullRefusals = new Set<string>();
  #joined = false;
  #ended = false;

  constructor(roomId: string, options: JoinOptions) {
    // A programming error, like a bad argument to RTCPeerConnection: thrown now, not later.
    assertIceTransportPolicy(options.iceTransportPolicy);
    this.#roomId = roomId;
    this.#options = options;
    this.#maxMembers = options.maxMembers ?? DEFAULT_MAX_MEMBERS;
    this.#shared = options.stream;
    this.uplink = new UplinkBudget(options.uplinkKbps ?? DEFAULT_UPLINK_KBPS);
    this.#lostLinks = new LostLinks(options.redial ?? DEFAULT_REDIAL);
    this.#calls = new MemberCalls({
      roomId,
      session: () => this.#session,
      shared: () => this.#shared,
      waitForLinkMs: LINK_WAIT_MS,
      linkLabel: ROOM_LABEL,
      onIncomingLink: (channel) => this.#adopt(channel, channel.remoteId),
      uplink: this.uplink,
    });
    // rendezvousId refuses a name no member could meet under (not well-formed Unicode): at once.
    this.#rendezvousId = rendezvousId(roomId);
    this.#directory = new DirectorySearch({
      roomId,
      rendezvousId: () => this.#rendezvousId,
      maxMembers: this.#maxMembers,
      key: () => this.#key,
      sessionOptions: () => this.#sessionOptions(),
      session: () => this.#session,
      joined: () => this.#joined,
      handshake: (remoteId) => this.#context(remoteId),
      listing: () => this.#listing(),
      onError: (error) => this.errors.next(error),
      onHolding: () => this.#joinedNow(),
      onJoiner: (channel, desk) => this.#adoptJoiner(channel, desk),
      onJoinChannel: (channel, dialing) => this.#joinOn(channel, dialing),
      onListed: (members) => {
        this.#joinedNow();
        this.#dialAll(members);
      },
    });
    if (roomId.length > MAX_ROOM_ID_LENGTH) throw new RangeError(`a room name has at most ${MAX_ROOM_ID_LENGTH} characters`);
    if ((options.name?.length ?? 0) > MAX_NAME_LENGTH) throw new RangeError(`a member name has at most ${MAX_NAME_LENGTH} characters`);
  }

  start(): void {
    this.#key = admissionKey(this.#roomId, this.#options.passphrase);
    this.#key.catch((error: unknown) => this.#fail(new RoomError('join-failed', 'could not derive the admission key', { cause: error })));
    this.#owned.add(
      peerSession(this.#sessionOptions()).subscribe({
        next: (session) => this.#onSession(session),
        error: (error: unknown) =>
          this.#fail(new RoomError('join-failed', 'could not register with the signaling server', { cause: error })),
      }),
    );
  }

  send(data: unknown, to?: string): void {
    const targets = to === undefined ? [...this.#links.values()].filter((link) => link.isAdmitted) : [this.#links.get(to)];
    for (const link of targets) {
      if (!link?.isAdmitted) {
        this.errors.next(new RoomError('send-failed', `${to ?? 'someone'} is not in the room`, { peerId: to }));
        continue;
      }
      link.send(data, to !== undefined).catch((error: unknown) => this.errors.next(sendError(error, link.remoteId)));
    }
  }

  replaceTrack(track: MediaStreamTrack): void {
    const shared = this.#shared;
    if (this.#ended) return;
    // Calls are made with the kinds shared at join: PeerJS cannot add a kind to a call later.
    if (!shared || shared.getTracks().every((existing) => existing.kind !== track.kind)) {
      this.errors.next(new RoomError('media-unsupported', `this member joined sharing no ${track.kind}: there is none to replace`));
      return;
    }
    this.#shared = new MediaStream([...shared.getTracks().filter((existing) => existing.kind !== track.kind), track]);
    this.#calls.setSource(this.#shared);
  }

  leave(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const link of [...this.#links.values()]) link.close('left');
    this.#joining?.close('left');
    this.#calls.dispose();
    this.uplink.dispose();
    this.#directory.dispose();
    this.#owned.unsubscribe();
    this.peers.next([]);
    for (const subject of [this.self, this.peers, this.messages, this.errors]) subject.complete();
  }

  #sessionOptions() {
    const { signaling, iceServers, iceTransportPolicy, createPeer } = this.#options;
    // A room keeps its links through any signaling outage: never give up reconnecting.
    const reconnect = this.#options.reconnect ?? backoffPolicy({ maxAttempts: Number.POSITIVE_INFINITY });
    // A room's wire protocol is JSON only: its channels refuse binary from the first frame,
    // so nobody, admitted or not, can make this page assemble a transfer.
    return { signaling, iceServers, iceTransportPolicy, reconnect, createPeer, acceptTransfers: () => false };
  }

  #onSession(session: PeerSession): void {
    this.#session = session;
    this.#owned.add(
      session.connections$.subscribe((channel) => {
        if (channel.label === ROOM_LABEL) this.#adopt(channel, channel.remoteId);
        else channel.close();
      }),
    );
    this.#owned.add(session.calls$.subscribe((call) => this.#calls.answer(call)));
    let outage = false;
    this.#owned.add(
      session.state$.subscribe((state) => {
        if (state === 'reconnecting') {
          outage = true;
          this.errors.next(new RoomError('signaling-unavailable', 'lost the signaling server; links stay up, retrying'));
        }
        // Back after an outage: make sure the room still has a directory. Not at once: the
        // holder is re-registering the rendezvous ID too, and taking it from the holder would
        // cut the links newcomers joined by (they live on its rendezvous session).
        if (state === 'open' && outage) {
          outage = false;
          // The server's directory forgot everyone with its restart: enter it again at once.
          if (this.#meeting === 'server') this.#enterDirectory(session);
          else this.#owned.add(timer(REDISCOVER_AFTER_OUTAGE_MS).subscribe(() => this.#directory.find()));
        }
      }),
    );
    // Entering the server's directory needs this member's own ID: once registered.
    this.#owned.add(
      session.state$
        .pipe(
          filter((state) => state === 'open'),
          take(1),
        )
        .subscribe(() => this.#enterDirectory(session)),
    );
  }

  /**
   * Enters the room at the server's directory and dials whoever it lists; on a server that
   * keeps no directory, searches for the room's rendezvous ID instead.
   */
  #enterDirectory(session: PeerSession): void {
    this.#owned.add(
      defer(() => this.#askDirectory(session))
        .pipe(
          // The directory's failures are worth trying again; a failed key derivation is not (it
          // ends the room by itself).
          retryWithPolicy(DIRECTORY_RETRY, {
            isRetryable: (error) => error instanceof RoomError,
            onRetry: (_attempt, _delayMs, error) =>
              this.errors.next(new RoomError('signaling-unavailable', `${(error as RoomError).message}; trying again`, { cause: error })),
          }),
        )
        .subscribe({ next: (listing) => this.#meetAt(listing), error: () => undefined }),
    );
  }

  /** What the server's directory lists for this member; `null`: the server keeps none. */
  async #askDirectory(session: PeerSession): Promise<DirectoryListing | null> {
    const id = session.id;
    const token = session.signalingToken;
    if (!id || !token) throw new RoomError('join-failed', 'not registered with the signaling server yet');
    const key = await this.#key;
    const [room, lock] = await Promise.all([roomTag(this.#roomId), directoryLock(key)]);
    this.#rendezvousId = await keyedRendezvousId(this.#roomId, key);
    return enterRoomDirectory(this.#options.signaling ?? signalingAtPageOrigin(), { room, lock, id, token });
  }

  #meetAt(listing: DirectoryListing | null): void {
    if (listing === null) {
      this.#meeting = 'rendezvous';
      this.#directory.find();
      return;
    }
    this.#meeting = 'server';
    if (listing.members.length === 0 && listing.others > 0) {
      // A hint, not a verdict: whoever is there has not proved anything, and this member is in
      // the room (the first under its passphrase) all the same.
      this.errors.next(new RoomError('wrong-passphrase', 'others are in this room under another passphrase, and nobody under this one'));
    }
    this.#joinedNow();
    this.#dialAll(listing.members.map((memberId) => ({ id: memberId })));
  }

  /**
   * Joins on `channel` to the room's rendezvous ID: once admitted it is the link with the
   * holder, who then lists whom else to dial (the `listed` link event).
   */
  #joinOn(channel: DataChannel, dialing: Subscription): void {
    const session = this.#session;
    if (!session || this.#ended) return void dialing.unsubscribe();
    const link = new MemberLink(
      channel,
      session.id ?? '',
      this.#context(channel.remoteId),
      { ...this.#linkOptions(), joinedThroughDirectory: true },
      this.#linkEvents,
    );
    this.#joining = link;
    const owned = this.#ownedBy(link);
    owned.add(dialing);
    // A holder that never lists: search again, as for any directory that does not answer.
    owned.add(timer(DIRECTORY_TIMEOUT_MS).subscribe(() => this.#joining === link && link.close('silent')));
    link.start();
  }

  /** The holder's side of a newcomer's join channel: the newcomer's link, listed and called once its proof checks out. */
  #adoptJoiner(channel: DataChannel, desk: DirectoryDesk): void {
    const link = this.#adopt(channel, channel.remoteId, {
      context: {
        // The newcomer dialed the rendezvous ID: its proof is bound to that, and it learns who
        // this member is from the intro, once it has proved itself.
        selfId: this.#rendezvousId,
        memberId: this.#session?.id,
        refusal: () => desk.refusalFor(channel.remoteId),
      },
      // Called once admitted and listed (see `admitted`): lists first, as everyone joining at
      // once waits for theirs, and a newcomer that never proves itself is never called.
      callNow: false,
    });
    if (link) this.#joiners.set(link, desk);
  }

  /** Dials every listed member but this one. */
  #dialAll(members: readonly ListedMember[]): void {
    for (const member of members) if (member.id !== this.#session?.id) this.#dial(member.id);
  }

  #dial(remoteId: string, attempt = 1): void {
    const session = this.#session;
    if (!session || this.#ended || this.#links.has(remoteId)) return;
    this.#dialAttempts.set(remoteId, attempt);
    // Sharing media, the link rides inside the call: one connection for the pair's link and
    // this side's media. Else the link has a connection of its own, and any call goes out with
    // the dial, not once the link opens (the link takes the call when it comes: see MemberCalls).
    let linkDial = this.#calls.linkCall(remoteId);
    if (!linkDial) {
      this.#calls.callAhead(remoteId);
      linkDial = session.connect(remoteId, { label: ROOM_LABEL, timeoutMs: LINK_WAIT_MS });
    }
    const dial = linkDial.subscribe({
      next: (channel) => {
        const link = this.#adopt(channel, session.id ?? '');
        if (link) this.#ownedBy(link).add(dial);
        else dial.unsubscribe();
      },
      // A listed member that has gone meanwhile (`peer-unavailable`) is no error: it just is
      // not in the room. Any other failure may be the machine's or the network's: try again.
      error: (error: unknown) => {
        if (dialWorthRetrying(error)) this.#redialLater(remoteId, error);
        else this.#dialAttempts.delete(remoteId);
      },
    });
    this.#owned.add(dial);
  }

  /** Dials `remoteId` again after the redial policy's delay, or reports that it gave up. */
  #redialLater(remoteId: string, cause: unknown): void {
    const attempt = this.#dialAttempts.get(remoteId) ?? 1;
    const delayMs = (this.#options.redial ?? DEFAULT_REDIAL).delayMs(attempt);
    if (delayMs === null) {
      this.#dialAttempts.delete(remoteId);
      this.errors.next(
        new RoomError('connection-failed', `could not connect to ${remoteId} after ${attempt} tries`, { cause, peerId: remoteId }),
      );
      return;
    }
    this.#owned.add(timer(delayMs).subscribe(() => this.#dial(remoteId, attempt + 1)));
  }

  /** Takes a new channel as the link to its member, unless a link that wins the tie exists. */
  #adopt(
    channel: DataChannel,
    dialedBy: string,
    { context = {}, callNow = true }: { context?: Partial<LinkHandshakeContext>; callNow?: boolean } = {},
  ): MemberLink | undefined {
    const existing = this.#links.get(channel.remoteId);
    if (existing) {
      if (keepsExistingLink(existing.dialedBy, dialedBy)) {
        channel.close();
        return undefined;
      }
      existing.close('replaced');
    }
    const link = new MemberLink(
      channel,
      dialedBy,
      { ...this.#context(channel.remoteId), ...context },
      this.#linkOptions(),
      this.#linkEvents,
    );
    this.#links.set(channel.remoteId, link);
    link.start();
    if (callNow) this.#calls.bind(link, this.#ownedBy(link));
    return link;
  }

  #linkOptions(): LinkOptions {
    return {
      heartbeat: this.#options.heartbeat ?? DEFAULT_HEARTBEAT,
      handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
      // A member whose link fell quiet but who answers through the signaling server has lost
      // its path, not left: it is held while the session restarts ICE.
      reachable: (remoteId) => this.#session?.reachable(remoteId) ?? Promise.resolve(false),
    };
  }

  /** The join link is admitted: now it is known whose it is, it takes its place among the links. */
  #placeJoinLink(link: MemberLink): boolean {
    const existing = this.#links.get(link.remoteId);
    if (existing && existing !== link) {
      if (keepsExistingLink(existing.dialedBy, link.dialedBy)) {
        link.close('replaced');
        return false;
      }
      existing.close('replaced');
    }
    this.#links.set(link.remoteId, link);
    this.#calls.bind(link, this.#ownedBy(link));
    return true;
  }

  readonly #linkEvents: LinkEvents = {
    admitted: (link) => {
      if (link === this.#joining && !this.#placeJoinLink(link)) return;
      const desk = this.#joiners.get(link);
      if (desk) {
        // A newcomer that proved itself learns whom else to dial before anything else happens
        // here: everyone joining at once waits for theirs. It is listed to those who come after
        // it at once, before it has any other link: one of each pair that joins at once must
        // know of the other. Then it is called.
        const members = desk.listingFor(link.remoteId, this.#session?.id ?? '');
        link.channel.send(wire({ t: 'members', members })).catch(() => undefined);
        desk.listed(link.remoteId);
        this.#calls.bind(link, this.#ownedBy(link));
      }
      this.#dialAttempts.delete(link.remoteId);
      if (link.peer) this.peers.next([...this.peers.value, link.peer]);
      this.#calls.open(link.remoteId);
      this.#joiners.delete(link);
    },
    listed: (link, members) => {
      if (link !== this.#joining) return;
      this.#joining = undefined;
      this.#directory.found();
      this.#joinedNow();
      this.#dialAll(members.filter((member) => member.id !== link.remoteId));
    },
    data: (link, data, direct) => this.messages.next(direct ? { from: link.remoteId, data, direct } : { from: link.remoteId, data }),
    view: (link, size) => this.uplink.showAt(link.remoteId, size),
    refused: (link, outcome) => this.#onRefused(link, outcome),
    error: (error) => this.errors.next(error),
    ended: (link, why) => this.#onLinkEnded(link, why),
  };

  /**
   * A link's handshake ended in a refusal. Only a refusal the room can trust ends this
   * member's session: see the README's "Security" section for what a stranger can do.
   */
  #onRefused(link: MemberLink, outcome: Extract<HandshakeOutcome, { type: 'refused' }>): void {
    const peerId = link.remoteId;
    if (link === this.#joining) {
      this.#onJoinRefused(outcome);
      return;
    }
    if (outcome.reason === 'wrong-passphrase') {
      // Both ends fail each other's proof alike: either way the pair stays apart.
      const why = outcome.byUs ? `${peerId} could not prove the room's passphrase` : `${peerId} did not accept this member's passphrase`;
      this.errors.next(new RoomError('admission-refused', why, { peerId }));
      return;
    }
    if (outcome.reason !== 'room-full' || outcome.byUs) return;
    this.errors.next(new RoomError('room-full', `${peerId} says the room is full`, { peerId }));
    // The room is full when as many members as it holds (less this one) say so, each after
    // proving itself, and nobody took this one in: fewer is one member's word, which a
    // stranger in the room could give too.
    if (!outcome.proven || this.#meeting !== 'server') return;
    this.#fullRefusals.add(peerId);
    if (this.#fullRefusals.size >= this.#maxMembers - 1 && this.#admittedCount() === 0)
      this.#fail(new RoomError('room-full', 'the room is full'));
  }

  /**
   * The directory's holder refused this newcomer on its join link (a stock PeerServer). A
   * full room, said with a proof, ends the join; anything else is reported and the search
   * goes on (the link's end starts it again): the holder may be a stranger squatting the
   * room's rendezvous ID.
   */
  #onJoinRefused(outcome: Extract<HandshakeOutcome, { type: 'refused' }>): void {
    if (outcome.reason === 'room-full' && !outcome.byUs && outcome.proven) {
      this.#fail(new RoomError('room-full', 'the room is full'));
      return;
    }
    if (outcome.reason === 'wrong-passphrase') {
      this.errors.next(new RoomError('wrong-passphrase', 'the room did not accept this passphrase'));
    } else if (outcome.reason === 'room-full' && !outcome.byUs) {
      this.errors.next(new RoomError('admission-refused', "the room's directory said the room is full without proving itself"));
    }
  }

  #onLinkEnded(link: MemberLink, why: LinkEnd): void {
    if (this.#links.get(link.remoteId) === link) this.#links.delete(link.remoteId);
    // Its view of this member's video goes with it (a link that replaced it tells its own).
    if (link.peer && !this.#links.has(link.remoteId)) this.uplink.showAt(link.remoteId, null);
    this.#joiners.delete(link);
    if (link === this.#joining) {
      // Ended before the holder listed the others: find the directory again.
      this.#joining = undefined;
      this.#directory.retryLater();
    }
    this.#linkOwned.get(link)?.unsubscribe();
    this.#linkOwned.delete(link);
    // A link this member dialed that broke off mid-handshake: the pair would stay apart.
    const dialedHere = link.dialedBy === this.#session?.id && this.#dialAttempts.has(link.remoteId);
    if (!link.peer && dialedHere && !this.#ended) {
      if (handshakeWorthRetrying(why)) this.#redialLater(link.remoteId, new Error(`the handshake with ${link.remoteId} ended: ${why}`));
      else this.#dialAttempts.delete(link.remoteId);
    }
    if (link.peer && !this.#ended) {
      this.peers.next(this.peers.value.filter((peer) => peer !== link.peer));
      // It may have held the directory: someone must take it up.
      if (why !== 'replaced' && this.#meeting === 'rendezvous') this.#directory.find();
      if (link.dialedBy === this.#session?.id && linkLostWithoutLeaving(why)) this.#redialLost(link.remoteId);
    }
  }

  /**
   * Dials a member again whose link this member dialed and lost though neither left: on a
   * starved machine the other side may give up its handshake just after this side admitted
   * it, or a call fails under load. Nobody else would dial: the pair would stay apart for
   * good. It waits as `LostLinks` says, and dials only a member that still answers through the
   * signaling server; one that is gone is not dialed, and nothing is reported of it.
   */
  #redialLost(remoteId: string): void {
    const delayMs = this.#lostLinks.lost(remoteId);
    if (delayMs === null) return;
    this.#owned.add(
      timer(delayMs).subscribe(async () => {
        const reachable = (await this.#session?.reachable(remoteId)) ?? false;
        if (reachable && !this.#ended && !this.#links.has(remoteId)) this.#dial(remoteId);
      }),
    );
  }

  #ownedBy(link: MemberLink): Subscription {
    let owned = this.#linkOwned.get(link);
    if (!owned) {
      owned = new Subscription();
      this.#linkOwned.set(link, owned);
    }
    return owned;
  }

  #context(remoteId: string): LinkHandshakeContext {
    return {
      roomId: this.#roomId,
      selfId: this.#session?.id ?? '',
      remoteId,
      name: this.#options.name,
      key: this.#key,
      refusal: () => (this.#admittedCount() + 1 >= this.#maxMembers && !this.#links.get(remoteId)?.isAdmitted ? 'room-full' : null),
    };
  }

  #admittedCount(): number {
    let count = 0;
    for (const link of this.#links.values()) if (link.isAdmitted) count += 1;
    return count;
  }

  #listing(): ListedMember[] {
    const self = { id: this.#session?.id ?? '', name: this.#options.name };
    return [self, ...this.peers.value.map(({ id, name }) => ({ id, name }))];
  }

  #joinedNow(): void {
    if (this.#joined || !this.#session?.id) return;
    this.#joined = true;
    this.self.next({ id: this.#session.id, name: this.#options.name });
  }

  #fail(error: RoomError): void {
    if (this.#ended) return;
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
