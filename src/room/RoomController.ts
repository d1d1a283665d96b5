/**
 * The full mesh behind `joinRoom` (see meshTransport.ts): one peer session for this member,
 * links to every other member, calls carrying media both ways. How members meet is
 * RoomMeeting's; dialing them is MemberDialer's; each link is a MemberLink, kept with its
 * calls in one MemberRecord per member.
 *
 * Its life is one `RoomPhase`; its collaborators tell it what happens through Observables,
 * read in `#onMeeting` and `#onDial` (and each link's in MemberLinks).
 */
import { BehaviorSubject, filter, map, ReplaySubject, Subject, Subscription, switchMap, take } from 'rxjs';
import { DEFAULT_CONNECT_TIMEOUT_MS, type PeerSession, type PeerSessionOptions } from '../rtc/PeerSession.ts';
import { peerSession } from '../rtc/peerSessionObservable.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { type AdmissionKey, admissionKey } from './admission.ts';
import { assertJoinArguments } from './joinArguments.ts';
import { DEFAULT_MAX_MEMBERS, type JoinOptions } from './JoinOptions.ts';
import { MemberCalls } from './MemberCalls.ts';
import { type DialEvent, MemberDialer } from './MemberDialer.ts';
import { MemberLinks } from './MemberLinks.ts';
import { type Mesh, ROOM_LABEL } from './Mesh.ts';
import { DEFAULT_REDIAL } from './redial.ts';
import { rendezvousId } from './rendezvousId.ts';
import type { RemotePeer } from './RemotePeer.ts';
import type { RoomMessage } from './Room.ts';
import { RoomError } from './RoomError.ts';
import { type MeetingEvent, RoomMeeting } from './RoomMeeting.ts';
import { DEFAULT_UPLINK_KBPS } from './splitUplink.ts';
import { UplinkBudget } from './UplinkBudget.ts';

/**
 * How long a member's link may take to open, and its calls placed or answered meanwhile may
 * wait for it: as long as any connection (calls and links are set up together, and six
 * members on two cores take seconds for each).
 */
const LINK_WAIT_MS = DEFAULT_CONNECT_TIMEOUT_MS;

/** Where a room is in its life (how far it has met the others is the meeting's: see RoomMeeting.ts). */
type RoomPhase =
  /** Registering with the signaling server (and deriving the admission key meanwhile). */
  | { readonly phase: 'registering' }
  | { readonly phase: 'registered'; readonly mesh: Mesh; readonly links: MemberLinks }
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
  /** Where the room meets on a stock PeerServer without a passphrase (see RoomMeeting.ts for one with). */
  readonly #rendezvousId: string;
  readonly #owned = new Subscription();
  #phase: RoomPhase = { phase: 'registering' };
  /** What this member shares now: `options.stream`, with tracks switched by replaceTrack. */
  #shared: MediaStream | undefined;
  /** Derived while the member registers; handshakes wait for it. */
  #key: Promise<AdmissionKey> = Promise.resolve(null);

  constructor(roomId: string, options: JoinOptions) {
    // Constructed by meshTransport, after joinRoom checked; tests construct it directly.
    assertJoinArguments(roomId, options);
    this.#rendezvousId = rendezvousId(roomId);
    this.#roomId = roomId;
    this.#options = options;
    this.#maxMembers = options.maxMembers ?? DEFAULT_MAX_MEMBERS;
    this.#shared = options.stream;
    this.uplink = new UplinkBudget(options.uplinkKbps ?? DEFAULT_UPLINK_KBPS);
  }

  start(): void {
    this.#key = admissionKey(this.#roomId, this.#options.passphrase);
    this.#key.catch((error: unknown) => this.#fail(new RoomError('join-failed', 'could not derive the admission key', { cause: error })));
    this.#owned.add(
      peerSession(this.#sessionOptions())
        .pipe(
          // Meeting the others needs this member's own ID: once registered.
          switchMap((session) =>
            session.state$.pipe(
              filter((state) => state === 'open'),
              map(() => session.id),
              filter((ownId) => ownId !== undefined),
              take(1),
              map((ownId) => ({ session, ownId })),
            ),
          ),
        )
        .subscribe({
          next: ({ session, ownId }) => this.#registered(session, ownId),
          error: (error: unknown) =>
            this.#fail(new RoomError('join-failed', 'could not register with the signaling server', { cause: error })),
        }),
    );
  }

  send(data: unknown, to?: string): void {
    if (this.#phase.phase === 'registered') this.#phase.links.send(data, to);
    else if (this.#phase.phase === 'registering' && to !== undefined)
      this.errors.next(new RoomError('send-failed', `${to ?? 'someone'} is not in the room`, { peerId: to }));
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
    if (phase.phase === 'registered') {
      const { calls, dialer, meeting } = phase.mesh;
      phase.links.leave();
      meeting.dispose();
      calls.dispose();
      dialer.dispose();
    }
    this.uplink.dispose();
    this.#owned.unsubscribe();
    this.peers.next([]);
    for (const subject of [this.self, this.peers, this.messages, this.errors]) subject.complete();
  }

  #mesh(): Mesh | undefined {
    return this.#phase.phase === 'registered' ? this.#phase.mesh : undefined;
  }

  #sessionOptions(): PeerSessionOptions {
    const { signaling, iceServers, iceTransportPolicy, createPeer } = this.#options;
    // A room keeps its links through any signaling outage: never give up reconnecting.
    const reconnect = this.#options.reconnect ?? backoffPolicy({ maxAttempts: Number.POSITIVE_INFINITY });
    // A room's wire protocol is JSON only: its channels refuse binary from the first frame,
    // so nobody, admitted or not, can make this page assemble a transfer.
    return { signaling, iceServers, iceTransportPolicy, reconnect, createPeer, acceptTransfers: () => false };
  }

  /** Registered: takes links and calls, and goes to meet the others. */
  #registered(session: PeerSession, ownId: string): void {
    if (this.#phase.phase !== 'registering') return;
    const roomId = this.#roomId;
    const { name, heartbeat, signaling, redial = DEFAULT_REDIAL } = this.#options;
    const calls = new MemberCalls(session, {
      roomId,
      shared: this.#shared,
      waitForLinkMs: LINK_WAIT_MS,
      linkLabel: ROOM_LABEL,
      uplink: this.uplink,
    });
    const isLinked = (remoteId: string) => links.isLinked(remoteId);
    const dialer = new MemberDialer(session, calls, { linkLabel: ROOM_LABEL, timeoutMs: LINK_WAIT_MS, redial, isLinked });
    const meeting = new RoomMeeting(session, {
      roomId,
      maxMembers: this.#maxMembers,
      key: this.#key,
      rendezvousId: this.#rendezvousId,
      signaling,
      sessionOptions: this.#sessionOptions(),
      handshake: (remoteId) => links.handshake(remoteId),
      listing: () => links.listing(),
    });
    const mesh: Mesh = { session, ownId, calls, dialer, meeting };
    const { uplink, peers, messages, errors } = this;
    const links = new MemberLinks(mesh, {
      roomId,
      name,
      key: this.#key,
      maxMembers: this.#maxMembers,
      heartbeat,
      uplink,
      peers,
      messages,
      errors,
    });
    this.#phase = { phase: 'registered', mesh, links };
    this.#owned.add(links.fatal$.subscribe((error) => this.#fail(error)));
    this.#owned.add(dialer.events$.subscribe((event) => this.#onDial(event, mesh, links)));
    this.#owned.add(meeting.events$.subscribe((event) => this.#onMeeting(event, mesh, links)));
    this.#owned.add(calls.incomingLinks$.subscribe((channel) => links.adopt(channel, channel.remoteId)));
    this.#owned.add(
      session.connections$.subscribe((channel) => {
        if (channel.label === ROOM_LABEL) links.adopt(channel, channel.remoteId);
        else channel.close();
      }),
    );
    this.#owned.add(session.calls$.subscribe((call) => calls.answer(call)));
    meeting.start();
  }

  #onMeeting(event: MeetingEvent, mesh: Mesh, links: MemberLinks): void {
    if (event.type === 'joined') this.self.next({ id: mesh.ownId, name: this.#options.name });
    else if (event.type === 'dial') {
      for (const member of event.members) if (member.id !== mesh.ownId) mesh.dialer.dial(member.id);
    } else if (event.type === 'joiner') links.adoptJoiner(event.channel, event.desk);
    else if (event.type === 'join-channel') links.joinOn(event.channel, event.dialing);
    else this.errors.next(event.error);
  }

  #onDial(event: DialEvent, mesh: Mesh, links: MemberLinks): void {
    if (event.type === 'error') {
      this.errors.next(event.error);
      return;
    }
    const record = links.adopt(event.channel, mesh.ownId);
    if (record) record.owned.add(event.dial);
    else event.dial.unsubscribe();
  }

  #fail(error: RoomError): void {
    if (this.#phase.phase === 'ended') return;
    this.errors.next(error);
    this.leave();
  }
}
