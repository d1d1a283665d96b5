/**
 * Finding a room's directory, for one member: it holds the room's rendezvous ID if nobody
 * does (and keeps the {@link DirectoryDesk} that answers newcomers there), or else reaches
 * whoever does: a newcomer on a join channel that becomes its link with the holder, a member
 * back from a signaling outage for the member list alone. One search runs at a time; one
 * that fails is tried again a moment later.
 */
import { combineLatest, filter, map, type Observable, Subject, Subscription, switchMap, take, timeout, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { SignalingError } from '../rtc/errors.ts';
import type { PeerSession, PeerSessionOptions } from '../rtc/PeerSession.ts';
import { peerSession } from '../rtc/peerSessionObservable.ts';
import type { AdmissionKey } from './admission.ts';
import { DIRECTORY_LABEL, DirectoryDesk, JOIN_LABEL, type ListedMember } from './DirectoryDesk.ts';
import { directoryLink } from './directoryLink.ts';
import type { LinkHandshakeContext } from './MemberLink.ts';
import { RoomError } from './RoomError.ts';

/** How long reaching the directory may take before the search starts over. */
export const DIRECTORY_TIMEOUT_MS = 8_000;

/** What a search tells its room. */
export type SearchEvent =
  /** This member holds the directory now. */
  | { readonly type: 'holding' }
  /** A newcomer joined on a channel to this member's directory. */
  | { readonly type: 'joiner'; readonly channel: DataChannel; readonly desk: DirectoryDesk }
  /**
   * Someone else holds the directory and this member has not joined: `channel` to it is open.
   * `dialing` is the connection, for the link to own; the room calls `found()` once the link
   * is listed, `retryLater()` if it ends before.
   */
  | { readonly type: 'join-channel'; readonly channel: DataChannel; readonly dialing: Subscription }
  /** The directory listed the members for a member asking again. */
  | { readonly type: 'listed'; readonly members: readonly ListedMember[] }
  | { readonly type: 'error'; readonly error: RoomError };

/** Where this member stands when it searches. */
export interface SearchPosition {
  /** This member's own session. */
  readonly session: PeerSession;
  /** How to register a session (the rendezvous one takes these with the room's ID). */
  readonly sessionOptions: PeerSessionOptions;
  /** The PeerJS ID the room meets at (see `keyedRendezvousId`). */
  readonly rendezvousId: string;
  /** The admission key, derived while the member registers. */
  readonly key: Promise<AdmissionKey>;
  /** Whether this member is in the room already (it asks only for the list then). */
  readonly joined: boolean;
}

export interface DirectorySearchContext {
  readonly roomId: string;
  readonly maxMembers: number;
  /** Where this member stands now; `undefined` before it has a session. */
  readonly position: () => SearchPosition | undefined;
  /** The handshake this member runs with `remoteId`. */
  readonly handshake: (remoteId: string) => LinkHandshakeContext;
  /** This member and those it has links with, for the desk's listing. */
  readonly listing: () => readonly ListedMember[];
}

type SearchState = { readonly phase: 'idle' | 'searching' | 'holding' | 'disposed' };

export class DirectorySearch {
  /** What the search tells; completes on dispose. */
  readonly events$: Observable<SearchEvent>;
  readonly #events = new Subject<SearchEvent>();
  readonly #context: DirectorySearchContext;
  readonly #owned = new Subscription();
  /** `holding`: this member holds the rendezvous ID (its session and desk are in `#owned`). */
  #state: SearchState = { phase: 'idle' };

  constructor(context: DirectorySearchContext) {
    this.#context = context;
    this.events$ = this.#events.asObservable();
  }

  /**
   * Holds the rendezvous ID if nobody does, or reaches whoever does. Does nothing while a
   * search runs, this member holds the directory, or it has no session yet (then it searches
   * a moment later).
   *
   * @example
   * ```ts
   * declare const context: DirectorySearchContext;
   * const search = new DirectorySearch(context);
   * search.events$.subscribe((event) => console.log(event.type));
   * search.find(); // again whenever the holder may have gone
   * ```
   */
  find(): void {
    if (this.#state.phase !== 'idle') return;
    const position = this.#context.position();
    if (!position) {
      this.retryLater();
      return;
    }
    this.#state = { phase: 'searching' };
    const { roomId, maxMembers, listing } = this.#context;
    const { session, key } = position;
    // peerSession emits at once, inside subscribe: the owner must exist before it.
    const claim = new Subscription();
    this.#owned.add(claim);
    claim.add(
      peerSession({ ...position.sessionOptions, id: position.rendezvousId }).subscribe({
        next: (rendezvous) => {
          const ownState$ = session.state$;
          const desk = new DirectoryDesk(rendezvous, { roomId, key, maxMembers, members: listing });
          claim.add(
            desk.events$.subscribe((event) =>
              this.#events.next(event.type === 'joiner' ? { type: 'joiner', channel: event.channel, desk } : event),
            ),
          );
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
                this.#state = { phase: 'holding' };
                this.#events.next({ type: 'holding' });
              }),
          );
        },
        error: (error: unknown) => {
          if (this.#state.phase === 'disposed') return;
          // Let go of the desk (and of the claim itself: many outages must not pile claims up).
          claim.unsubscribe();
          this.#state = { phase: 'searching' };
          if (error instanceof SignalingError && error.reason === 'id-taken') this.#reach(position);
          else this.retryLater();
        },
      }),
    );
  }

  /**
   * The search is over: the join link was listed.
   *
   * @example
   * ```ts
   * search.found(); // the link's member list arrived
   * ```
   */
  found(): void {
    if (this.#state.phase === 'searching') this.#state = { phase: 'idle' };
  }

  /**
   * Ends this search and starts another a moment later (jittered, so members that failed
   * together do not try together again).
   *
   * @example
   * ```ts
   * search.retryLater(); // the link ended before it was listed
   * ```
   */
  retryLater(): void {
    if (this.#state.phase === 'disposed') return;
    this.#state = { phase: 'idle' };
    this.#owned.add(timer(250 + Math.random() * 750).subscribe(() => this.find()));
  }

  /**
   * Gives up the directory (if held) and any search.
   *
   * @example
   * ```ts
   * search.dispose();
   * ```
   */
  dispose(): void {
    this.#state = { phase: 'disposed' };
    this.#owned.unsubscribe();
    this.#events.complete();
  }

  /** Someone holds the rendezvous ID: a newcomer joins on a channel to it, a member asks it. */
  #reach({ session, rendezvousId: directoryId, joined }: SearchPosition): void {
    if (!joined) {
      // The link the channel becomes owns the connection: made first, for a channel that opens at once.
      const dialing = new Subscription();
      this.#owned.add(dialing);
      dialing.add(
        session.connect(directoryId, { label: JOIN_LABEL, timeoutMs: DIRECTORY_TIMEOUT_MS }).subscribe({
          next: (channel) => this.#events.next({ type: 'join-channel', channel, dialing }),
          error: () => {
            dialing.unsubscribe();
            this.retryLater();
          },
        }),
      );
      return;
    }
    // A member asking again (after a signaling outage) wants the list alone.
    const ask = session
      .connect(directoryId, { label: DIRECTORY_LABEL, timeoutMs: DIRECTORY_TIMEOUT_MS })
      .pipe(
        switchMap((channel) => directoryLink(channel, this.#context.handshake(directoryId), 'joiner')),
        filter((step) => step.type === 'message' && step.message.t === 'members'),
        map((step) => (step.type === 'message' && step.message.t === 'members' ? step.message.members : [])),
        take(1),
        timeout(DIRECTORY_TIMEOUT_MS),
      )
      .subscribe({
        next: (members) => {
          this.#state = { phase: 'idle' };
          this.#events.next({ type: 'listed', members });
        },
        // A member in the room already only asks for the list: whoever answers at the
        // rendezvous ID (maybe a stranger squatting it) cannot turn it out, only fail to help.
        error: (error: unknown) => {
          if (error instanceof RoomError && error.reason !== 'join-failed') this.#events.next({ type: 'error', error });
          this.retryLater();
        },
      });
    this.#owned.add(ask);
  }
}
