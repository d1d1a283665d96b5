/**
 * The full mesh behind `joinRoom`: one peer session for this member, links to every other
 * member, calls carrying media both ways, and the directory role taken up by whoever can hold
 * the room's rendezvous ID. Nothing here needs the signaling server to know about rooms.
 */
import {
  BehaviorSubject,
  combineLatest,
  of,
  filter,
  map,
  ReplaySubject,
  Subject,
  Subscription,
  switchMap,
  take,
  tap,
  timeout,
  timer,
} from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError, SignalingError } from '../rtc/errors.ts';
import type { IncomingCall } from '../rtc/IncomingCall.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import { peerSession } from '../rtc/peerSessionObservable.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { admissionKey, type AdmissionKey } from './admission.ts';
import { DirectoryDesk, type ListedMember } from './DirectoryDesk.ts';
import { gatedStream, type GatedStream } from './gatedStream.ts';
import { directoryLink } from './directoryLink.ts';
import type { HandshakeContext } from './Handshake.ts';
import { DEFAULT_HEARTBEAT } from './heartbeatPolicy.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { keepsExistingLink } from './pairing.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from './protocol.ts';
import { MemberLink, type LinkEnd, type LinkEvents } from './MemberLink.ts';
import { DEFAULT_REDIAL, dialWorthRetrying, handshakeWorthRetrying } from './redial.ts';
import { rendezvousId } from './rendezvousId.ts';
import type { RemotePeer } from './RemotePeer.ts';
import { RoomError } from './RoomError.ts';
import type { RoomMessage } from './Room.ts';

const ROOM_LABEL = 'peerstage-room';
const DIRECTORY_LABEL = 'peerstage-directory';
const HANDSHAKE_TIMEOUT_MS = 10_000;
const DIRECTORY_TIMEOUT_MS = 8_000;
export const DEFAULT_MAX_MEMBERS = 8;

export class RoomController {
  readonly self = new ReplaySubject<{ readonly id: string; readonly name?: string }>(1);
  readonly peers = new BehaviorSubject<readonly RemotePeer[]>([]);
  readonly messages = new Subject<RoomMessage>();
  readonly errors = new Subject<RoomError>();

  readonly #roomId: string;
  readonly #options: JoinOptions;
  readonly #maxMembers: number;
  readonly #owned = new Subscription();
  readonly #links = new Map<string, MemberLink>();
  /** What each link owns besides its channel: its dial, its calls. */
  readonly #linkOwned = new Map<MemberLink, Subscription>();
  /** Calls from members whose link is not admitted yet. */
  readonly #waitingCalls = new Map<string, IncomingCall>();
  /** The gated copy of the shared stream each link's call sends. */
  readonly #gates = new Map<MemberLink, GatedStream>();
  /** Which try the dial to each member not admitted yet is (1 for the first). */
  readonly #dialAttempts = new Map<string, number>();
  /** What this member shares now: `options.stream`, with tracks switched by replaceTrack. */
  #shared: MediaStream | undefined;
  #session: PeerSession | undefined;
  /** Derived while the member registers; handshakes wait for it. */
  #key: Promise<AdmissionKey> = Promise.resolve(null);
  #directory: Subscription | undefined;
  #finding = false;
  #joined = false;
  #ended = false;

  constructor(roomId: string, options: JoinOptions) {
    this.#roomId = roomId;
    this.#options = options;
    this.#maxMembers = options.maxMembers ?? DEFAULT_MAX_MEMBERS;
    this.#shared = options.stream;
    // Refuse at once what the protocol would refuse on every link later.
    rendezvousId(roomId);
    if (roomId.length > MAX_ROOM_ID_LENGTH) throw new RangeError(`a room name has at most ${MAX_ROOM_ID_LENGTH} characters`);
    if ((options.name?.length ?? 0) > MAX_NAME_LENGTH) throw new RangeError(`a member name has at most ${MAX_NAME_LENGTH} characters`);
  }

  start(): void {
    this.#key = admissionKey(this.#roomId, this.#options.passphrase);
    this.#key.catch((error: unknown) => this.#fail(new RoomError('join-failed', 'could not derive the admission key', { cause: error })));
    this.#owned.add(
      peerSession(this.#sessionOptions()).subscribe({
        next: (session) => this.#onSession(session),
        error: (error: unknown) => this.#fail(new RoomError('join-failed', 'could not register with the signaling server', { cause: error })),
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
    for (const gate of this.#gates.values()) gate.setSource(this.#shared);
  }

  leave(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const link of [...this.#links.values()]) link.close('left');
    for (const call of this.#waitingCalls.values()) call.decline();
    this.#waitingCalls.clear();
    this.#directory?.unsubscribe();
    this.#owned.unsubscribe();
    this.peers.next([]);
    for (const subject of [this.self, this.peers, this.messages, this.errors]) subject.complete();
  }

  #sessionOptions() {
    const { signaling, iceServers, createPeer } = this.#options;
    // A room keeps its links through any signaling outage: never give up reconnecting.
    const reconnect = this.#options.reconnect ?? backoffPolicy({ maxAttempts: Number.POSITIVE_INFINITY });
    return { signaling, iceServers, reconnect, createPeer };
  }

  #onSession(session: PeerSession): void {
    this.#session = session;
    this.#owned.add(session.connections$.subscribe((channel) => {
      if (channel.label === ROOM_LABEL) this.#adopt(channel, channel.remoteId);
      else channel.close();
    }));
    this.#owned.add(session.calls$.subscribe((call) => this.#onCall(call)));
    this.#owned.add(
      session.state$.subscribe((state) => {
        if (state === 'reconnecting') {
          this.errors.next(new RoomError('signaling-unavailable', 'lost the signaling server; links stay up, retrying'));
        }
        // Back after an outage: make sure the room still has a directory.
        if (state === 'open') this.#findDirectory();
      }),
    );
    // The first search runs while this member registers: holding the rendezvous ID does not
    // need the member's own ID, and each step saved is a round trip on every join.
    this.#findDirectory();
  }

  /** Holds the rendezvous ID if nobody does, or asks whoever does for the members. */
  #findDirectory(): void {
    if (this.#finding || this.#directory || this.#ended) return;
    this.#finding = true;
    // peerSession emits at once, inside subscribe: the owner must exist before it.
    const claim = new Subscription();
    this.#owned.add(claim);
    claim.add(peerSession({ ...this.#sessionOptions(), id: rendezvousId(this.#roomId) }).subscribe({
      next: (rendezvous) => {
        const ownState$ = this.#session?.state$ ?? of<'closed'>('closed');
        const desk = new DirectoryDesk(rendezvous, {
          roomId: this.#roomId,
          key: this.#key,
          maxMembers: this.#maxMembers,
          members: () => this.#listing(),
          onError: (error) => this.errors.next(error),
        });
        // The directory lists this member: it answers once this member has its own ID too.
        desk.open(ownState$.pipe(filter((own) => own === 'open')));
        claim.add(() => desk.dispose());
        claim.add(
          combineLatest([rendezvous.state$, ownState$])
            .pipe(
              filter(([held, own]) => held === 'open' && own === 'open'),
              take(1),
            )
            .subscribe(() => {
              this.#finding = false;
              this.#directory = claim;
              this.#joinedNow();
            }),
        );
      },
      error: (error: unknown) => {
        this.#directory = undefined;
        if (error instanceof SignalingError && error.reason === 'id-taken') this.#askDirectory();
        else this.#retryFindingLater();
      },
    }));
  }

  #askDirectory(): void {
    const session = this.#session;
    if (!session || this.#ended) return;
    const directoryId = rendezvousId(this.#roomId);
    const ask = session
      .connect(directoryId, { label: DIRECTORY_LABEL, timeoutMs: DIRECTORY_TIMEOUT_MS })
      .pipe(
        switchMap((channel) => directoryLink(channel, this.#context(directoryId), 'joiner')),
        filter((step) => step.type === 'message' && step.message.t === 'members'),
        map((step) => (step.type === 'message' && step.message.t === 'members' ? step.message.members : [])),
        take(1),
        timeout(DIRECTORY_TIMEOUT_MS),
      )
      .subscribe({
        next: (members) => {
          this.#finding = false;
          this.#joinedNow();
          for (const member of members) if (member.id !== session.id) this.#dial(member.id);
        },
        error: (error: unknown) => {
          this.#finding = false;
          if (error instanceof RoomError && (error.reason === 'room-full' || error.reason === 'wrong-passphrase')) {
            this.#fail(error);
          } else this.#retryFindingLater();
        },
      });
    this.#owned.add(ask);
  }

  #retryFindingLater(): void {
    if (this.#ended) return;
    this.#finding = false;
    this.#owned.add(timer(250 + Math.random() * 750).subscribe(() => this.#findDirectory()));
  }

  #dial(remoteId: string, attempt = 1): void {
    const session = this.#session;
    if (!session || this.#ended || this.#links.has(remoteId)) return;
    this.#dialAttempts.set(remoteId, attempt);
    const dial = session.connect(remoteId, { label: ROOM_LABEL, timeoutMs: HANDSHAKE_TIMEOUT_MS }).subscribe({
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
      this.errors.next(new RoomError('connection-failed', `could not connect to ${remoteId} after ${attempt} tries`, { cause, peerId: remoteId }));
      return;
    }
    this.#owned.add(timer(delayMs).subscribe(() => this.#dial(remoteId, attempt + 1)));
  }

  /** Takes a new channel as the link to its member, unless a link that wins the tie exists. */
  #adopt(channel: DataChannel, dialedBy: string): MemberLink | undefined {
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
      this.#context(channel.remoteId),
      { heartbeat: this.#options.heartbeat ?? DEFAULT_HEARTBEAT, handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS },
      this.#linkEvents,
    );
    this.#links.set(channel.remoteId, link);
    link.start();
    this.#callWhileAdmitting(link);
    const waiting = this.#waitingCalls.get(link.remoteId);
    this.#waitingCalls.delete(link.remoteId);
    if (waiting) this.#answer(link, waiting);
    return link;
  }

  readonly #linkEvents: LinkEvents = {
    admitted: (link) => {
      this.#dialAttempts.delete(link.remoteId);
      if (link.peer) this.peers.next([...this.peers.value, link.peer]);
      this.#gates.get(link)?.open();
    },
    data: (link, data, direct) => this.messages.next(direct ? { from: link.remoteId, data, direct } : { from: link.remoteId, data }),
    refused: (link, outcome) => {
      if (outcome.reason === 'wrong-passphrase') {
        this.errors.next(
          outcome.byUs
            ? new RoomError('admission-refused', `${link.remoteId} could not prove the room's passphrase`, { peerId: link.remoteId })
            : new RoomError('wrong-passphrase', `${link.remoteId} did not accept this passphrase`, { peerId: link.remoteId }),
        );
      } else if (outcome.reason === 'room-full' && !outcome.byUs) {
        this.errors.next(new RoomError('room-full', 'the room is full', { peerId: link.remoteId }));
      }
    },
    error: (error) => this.errors.next(error),
    ended: (link, why) => this.#onLinkEnded(link, why),
  };

  #onLinkEnded(link: MemberLink, why: LinkEnd): void {
    if (this.#links.get(link.remoteId) === link) this.#links.delete(link.remoteId);
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
      if (why !== 'replaced') this.#findDirectory();
    }
  }

  #onCall(call: IncomingCall): void {
    const link = this.#links.get(call.remoteId);
    // Answered at once: what it carries shows only once its link admits the member.
    if (link) return this.#answer(link, call);
    this.#waitingCalls.get(call.remoteId)?.decline();
    this.#waitingCalls.set(call.remoteId, call);
    // A call from someone without a link (yet) waits for it; one that never comes, no answer.
    this.#owned.add(
      timer(HANDSHAKE_TIMEOUT_MS).subscribe(() => {
        if (this.#waitingCalls.get(call.remoteId) !== call) return;
        this.#waitingCalls.delete(call.remoteId);
        call.decline();
      }),
    );
  }

  /**
   * Calls the member with what this one shares, gated: the call connects during the handshake
   * and its tracks are let through when the member is admitted (see gatedStream.ts).
   */
  #callWhileAdmitting(link: MemberLink): void {
    const stream = this.#shared;
    const session = this.#session;
    if (!stream || !session) return;
    const gated = gatedStream(stream);
    this.#gates.set(link, gated);
    const owned = this.#ownedBy(link);
    owned.add(
      session
        .call(link.remoteId, gated.stream, { metadata: { room: this.#roomId } })
        .subscribe({ next: (call) => gated.attach(call), error: () => undefined }),
    );
    owned.add(() => {
      gated.stop();
      this.#gates.delete(link);
    });
  }

  #answer(link: MemberLink, call: IncomingCall): void {
    // Each member calls each other one with what it shares: answering with nothing keeps
    // one stream per call, that of the caller.
    this.#ownedBy(link).add(
      call
        .answer()
        .pipe(
          tap((answered) => link.call.next(answered)),
          switchMap((answered) => answered.remoteStream$),
        )
        .subscribe({ next: (stream) => link.stream.next(stream), error: () => undefined }),
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

  #context(remoteId: string): HandshakeContext {
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
