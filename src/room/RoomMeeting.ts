/**
 * How a registered member meets the others of its room: at the signaling server's room
 * directory where it keeps one (askMeetingPlace.ts), else at the room's rendezvous ID (see
 * DirectorySearch.ts), as a newcomer on a join link to the directory's holder or by holding
 * the directory itself; and again after a signaling outage, or when the holder has gone.
 * Whom to dial, and the channels to make links of, come out of `events$`.
 */
import { distinctUntilChanged, filter, type Observable, pairwise, Subject, Subscription, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { PeerSession, PeerSessionOptions } from '../rtc/PeerSession.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { retryWithPolicy } from '../rtc/retryWithPolicy.ts';
import type { SignalingOptions } from '../rtc/signalingOptions.ts';
import type { AdmissionKey } from './admission.ts';
import { askMeetingPlace, type MeetingPlace } from './askMeetingPlace.ts';
import type { DirectoryDesk, ListedMember } from './DirectoryDesk.ts';
import { DIRECTORY_TIMEOUT_MS, DirectorySearch, type SearchEvent } from './DirectorySearch.ts';
import type { LinkEnd } from './LinkEvent.ts';
import type { LinkHandshakeContext } from './MemberLink.ts';
import type { MemberRecord } from './MemberRecord.ts';
import { RoomError } from './RoomError.ts';

/**
 * How long a member back from a signaling outage waits before looking after the directory:
 * longer than the jitter between two sessions' reconnects (a quarter of a 5 s backoff step).
 */
const REDISCOVER_AFTER_OUTAGE_MS = 3_000;
/** Entering the server's directory again after a failure: soon, then every 5 s, for as long as the room lasts. */
const DIRECTORY_RETRY = backoffPolicy({ initialDelayMs: 250, maxDelayMs: 5_000, maxAttempts: Number.POSITIVE_INFINITY });

export type MeetingEvent =
  /** This member is in the room now (it may be alone). */
  | { readonly type: 'joined' }
  /** Members to dial (this member among them, maybe). */
  | { readonly type: 'dial'; readonly members: readonly ListedMember[] }
  /** A newcomer joined on a channel to the directory this member holds: make it its link, with the desk's refusal. */
  | { readonly type: 'joiner'; readonly channel: DataChannel; readonly desk: DirectoryDesk }
  /** A channel to the directory's holder to join by: make it a join link, and hand its record to `joinBy`. */
  | { readonly type: 'join-channel'; readonly channel: DataChannel; readonly dialing: Subscription }
  | { readonly type: 'error'; readonly error: RoomError };

export interface MeetingContext {
  readonly roomId: string;
  readonly maxMembers: number;
  readonly key: Promise<AdmissionKey>;
  /** The rendezvous ID of the room without a passphrase's key (see `rendezvousId`). */
  readonly rendezvousId: string;
  readonly signaling?: SignalingOptions;
  /** How to register a session (the rendezvous one takes these with the room's ID). */
  readonly sessionOptions: PeerSessionOptions;
  /** The handshake this member runs with `remoteId`. */
  readonly handshake: (remoteId: string) => LinkHandshakeContext;
  /** This member and those it has links with, for the directory's listing. */
  readonly listing: () => readonly ListedMember[];
}

/**
 * Where this member meets the others: not known until its server answers; the server's room
 * directory; or the room's rendezvous ID (a stock PeerServer).
 */
type MeetingPoint = 'asking' | 'server' | 'rendezvous';

type MeetingState =
  /** Not in the room yet: `joining` is a newcomer's link to the directory's holder, until it lists the others. */
  | { readonly phase: 'searching'; readonly at: MeetingPoint; readonly joining?: MemberRecord }
  | { readonly phase: 'joined'; readonly at: MeetingPoint }
  | { readonly phase: 'over' };

export class RoomMeeting {
  /** What the meeting tells; completes on dispose. */
  readonly events$: Observable<MeetingEvent>;
  readonly #events = new Subject<MeetingEvent>();
  readonly #session: PeerSession;
  readonly #context: MeetingContext;
  readonly #search: DirectorySearch;
  readonly #owned = new Subscription();
  #state: MeetingState = { phase: 'searching', at: 'asking' };
  /** Where the room meets on a stock PeerServer (derived from the key in a passphrase room). */
  #rendezvousId: string;

  constructor(session: PeerSession, context: MeetingContext) {
    this.#session = session;
    this.#context = context;
    this.#rendezvousId = context.rendezvousId;
    this.events$ = this.#events.asObservable();
    const { roomId, maxMembers, handshake, listing } = context;
    this.#search = new DirectorySearch({ roomId, maxMembers, handshake, listing, position: () => this.#position() });
  }

  /** Where the room meets on a stock PeerServer: a newcomer's proof is bound to it. */
  get rendezvousId(): string {
    return this.#rendezvousId;
  }

  /** Whether this member meets the others at the server's room directory. */
  get atServer(): boolean {
    return this.#state.phase !== 'over' && this.#state.at === 'server';
  }

  /**
   * Goes to meet the others: enters the server's directory, and again after each outage.
   *
   * @example
   * ```ts
   * declare const meeting: RoomMeeting;
   * meeting.events$.subscribe((event) => console.log(event.type));
   * meeting.start();
   * ```
   */
  start(): void {
    this.#owned.add(this.#search.events$.subscribe((event) => this.#onSearch(event)));
    this.#owned.add(this.#watchOutages());
    this.#enterDirectory();
  }

  /**
   * Whether `record` is this newcomer's join link, not listed yet.
   *
   * @example
   * ```ts
   * declare const meeting: RoomMeeting;
   * if (meeting.isJoining(record)) console.log('the link to the directory');
   * ```
   */
  isJoining(record: MemberRecord): boolean {
    return this.#state.phase === 'searching' && this.#state.joining === record;
  }

  /**
   * Joins by `record`, the link made of a `join-channel`: once admitted the holder lists whom
   * else to dial (`listed`). `false` when this member is in the room already: drop the link.
   *
   * @example
   * ```ts
   * declare const meeting: RoomMeeting;
   * if (!meeting.joinBy(record)) record.link.close('left');
   * ```
   */
  joinBy(record: MemberRecord): boolean {
    const state = this.#state;
    if (state.phase !== 'searching') {
      this.#search.found();
      return false;
    }
    this.#state = { ...state, joining: record };
    // A holder that never lists: search again, as for any directory that does not answer.
    record.owned.add(timer(DIRECTORY_TIMEOUT_MS).subscribe(() => this.isJoining(record) && record.link.close('silent')));
    return true;
  }

  /**
   * The holder listed `members` on `record`, the join link: this member is in the room, and
   * dials them.
   *
   * @example
   * ```ts
   * declare const meeting: RoomMeeting;
   * meeting.listed(record, [{ id: 'cy' }]);
   * ```
   */
  listed(record: MemberRecord, members: readonly ListedMember[]): void {
    if (!this.isJoining(record)) return;
    this.#search.found();
    this.#joinedNow();
    this.#events.next({ type: 'dial', members: members.filter((member) => member.id !== record.remoteId) });
  }

  /**
   * `record`'s link ended: a join link not listed yet means searching again; an admitted
   * member gone may have held the directory, and someone must take it up.
   *
   * @example
   * ```ts
   * declare const meeting: RoomMeeting;
   * meeting.linkEnded(record, 'closed');
   * ```
   */
  linkEnded(record: MemberRecord, why: LinkEnd): void {
    const state = this.#state;
    if (state.phase === 'searching' && state.joining === record) {
      this.#state = { phase: 'searching', at: state.at };
      this.#search.retryLater();
    } else if (record.peer && why !== 'replaced' && state.phase !== 'over' && state.at === 'rendezvous') {
      this.#search.find();
    }
  }

  /**
   * Gives up the directory (if held) and any search.
   *
   * @example
   * ```ts
   * declare const meeting: RoomMeeting;
   * meeting.dispose();
   * ```
   */
  dispose(): void {
    this.#state = { phase: 'over' };
    this.#search.dispose();
    this.#owned.unsubscribe();
    this.#events.complete();
  }

  #position() {
    const { sessionOptions, key } = this.#context;
    const joined = this.#state.phase === 'joined';
    return { session: this.#session, sessionOptions, rendezvousId: this.#rendezvousId, key, joined };
  }

  /**
   * Tells of a signaling outage; back from it, makes sure the room still has a directory. Not
   * at once at the rendezvous ID: the holder is re-registering it too, and taking it from the
   * holder would cut the links newcomers joined by (they live on its rendezvous session).
   */
  #watchOutages(): Subscription {
    return this.#session.state$
      .pipe(
        filter((state) => state === 'reconnecting' || state === 'open'),
        distinctUntilChanged(),
        pairwise(),
      )
      .subscribe(([, state]) => {
        if (state === 'reconnecting') {
          const error = new RoomError('signaling-unavailable', 'lost the signaling server; links stay up, retrying');
          this.#events.next({ type: 'error', error });
        } else if (this.atServer) {
          // Back: the server's directory forgot everyone with its restart: enter it again at once.
          this.#enterDirectory();
        } else {
          this.#owned.add(timer(REDISCOVER_AFTER_OUTAGE_MS).subscribe(() => this.#search.find()));
        }
      });
  }

  /**
   * Enters the room at the server's directory; on a server that keeps no directory, searches
   * for the room's rendezvous ID instead.
   */
  #enterDirectory(): void {
    const { roomId, key, signaling } = this.#context;
    this.#owned.add(
      askMeetingPlace(this.#session, { roomId, key, signaling })
        .pipe(
          // The directory's failures are worth trying again; a failed key derivation is not (it
          // ends the room by itself).
          retryWithPolicy(DIRECTORY_RETRY, {
            isRetryable: (error) => error instanceof RoomError,
            onRetry: (_attempt, _delayMs, error) => {
              const retrying = new RoomError('signaling-unavailable', `${(error as RoomError).message}; trying again`, { cause: error });
              this.#events.next({ type: 'error', error: retrying });
            },
          }),
        )
        .subscribe({ next: (place) => this.#meetAt(place), error: () => undefined }),
    );
  }

  #meetAt({ listing, rendezvousId }: MeetingPlace): void {
    const state = this.#state;
    if (state.phase === 'over') return;
    this.#rendezvousId = rendezvousId;
    if (listing === null) {
      this.#state = { ...state, at: 'rendezvous' };
      this.#search.find();
      return;
    }
    this.#state = { ...state, at: 'server' };
    if (listing.members.length === 0 && listing.others > 0) {
      // A hint, not a verdict: whoever is there has not proved anything, and this member is in
      // the room (the first under its passphrase) all the same.
      const error = new RoomError('wrong-passphrase', 'others are in this room under another passphrase, and nobody under this one');
      this.#events.next({ type: 'error', error });
    }
    this.#joinedNow();
    this.#events.next({ type: 'dial', members: listing.members.map((id) => ({ id })) });
  }

  #onSearch(event: SearchEvent): void {
    if (event.type === 'holding') this.#joinedNow();
    else if (event.type === 'listed') {
      this.#joinedNow();
      this.#events.next({ type: 'dial', members: event.members });
    } else this.#events.next(event);
  }

  #joinedNow(): void {
    const state = this.#state;
    if (state.phase !== 'searching') return;
    this.#state = { phase: 'joined', at: state.at };
    this.#events.next({ type: 'joined' });
  }
}
