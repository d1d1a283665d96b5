/**
 * Finding a room's directory, for one member: it holds the room's rendezvous ID if nobody
 * does (and keeps the {@link DirectoryDesk} that answers newcomers there), or else reaches
 * whoever does: a newcomer on a join channel that becomes its link with the holder, a member
 * back from a signaling outage for the member list alone. One search runs at a time; one
 * that fails is tried again a moment later.
 */
import { combineLatest, filter, map, of, Subscription, switchMap, take, timeout, timer } from 'rxjs';
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

export interface DirectorySearchContext {
  readonly roomId: string;
  /** The PeerJS ID the room meets at (see `keyedRendezvousId`), once the key is derived. */
  readonly rendezvousId: () => string;
  readonly maxMembers: number;
  /** The admission key, derived while the member registers. */
  readonly key: () => Promise<AdmissionKey>;
  /** How to register a session (the rendezvous one takes these with the room's ID). */
  readonly sessionOptions: () => PeerSessionOptions;
  /** This member's own session, once there is one. */
  readonly session: () => PeerSession | undefined;
  /** Whether this member is in the room already (it asks only for the list then). */
  readonly joined: () => boolean;
  /** The handshake this member runs with `remoteId`. */
  readonly handshake: (remoteId: string) => LinkHandshakeContext;
  /** This member and those it has links with, for the desk's listing. */
  readonly listing: () => readonly ListedMember[];
  readonly onError: (error: RoomError) => void;
  /** This member holds the directory now. */
  readonly onHolding: () => void;
  /** A newcomer joined on a channel to this member's directory. */
  readonly onJoiner: (channel: DataChannel, desk: DirectoryDesk) => void;
  /**
   * Someone else holds the directory and this member has not joined: `channel` to it is open.
   * `dialing` is the connection, for the link to own; the link calls `found()` once listed,
   * `retryLater()` if it ends before.
   */
  readonly onJoinChannel: (channel: DataChannel, dialing: Subscription) => void;
  /** The directory listed the members for a member asking again. */
  readonly onListed: (members: readonly ListedMember[]) => void;
}

export class DirectorySearch {
  readonly #context: DirectorySearchContext;
  readonly #owned = new Subscription();
  /** Whether this member holds the rendezvous ID (its session and desk are in `#owned`). */
  #holding = false;
  #searching = false;
  #disposed = false;

  constructor(context: DirectorySearchContext) {
    this.#context = context;
  }

  /**
   * Holds the rendezvous ID if nobody does, or reaches whoever does. Does nothing while a
   * search runs or this member holds the directory.
   *
   * @example
   * ```ts
   * declare const context: DirectorySearchContext;
   * const search = new DirectorySearch(context);
   * search.find(); // again whenever the holder may have gone
   * ```
   */
  find(): void {
    if (this.#searching || this.#holding || this.#disposed) return;
    this.#searching = true;
    const { roomId, maxMembers, onError, onJoiner } = this.#context;
    // peerSession emits at once, inside subscribe: the owner must exist before it.
    const claim = new Subscription();
    this.#owned.add(claim);
    claim.add(
      peerSession({ ...this.#context.sessionOptions(), id: this.#context.rendezvousId() }).subscribe({
        next: (rendezvous) => {
          const ownState$ = this.#context.session()?.state$ ?? of<'closed'>('closed');
          const desk = new DirectoryDesk(rendezvous, {
            roomId,
            key: this.#context.key(),
            maxMembers,
            members: this.#context.listing,
            onError,
            onJoiner: (channel) => onJoiner(channel, desk),
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
                this.#searching = false;
                this.#holding = true;
                this.#context.onHolding();
              }),
          );
        },
        error: (error: unknown) => {
          this.#holding = false;
          // Let go of the desk (and of the claim itself: many outages must not pile claims up).
          claim.unsubscribe();
          if (error instanceof SignalingError && error.reason === 'id-taken') this.#reach();
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
    this.#searching = false;
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
    if (this.#disposed) return;
    this.#searching = false;
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
    this.#disposed = true;
    this.#holding = false;
    this.#owned.unsubscribe();
  }

  /** Someone holds the rendezvous ID: a newcomer joins on a channel to it, a member asks it. */
  #reach(): void {
    const session = this.#context.session();
    if (this.#disposed) return;
    if (!session) {
      this.retryLater();
      return;
    }
    const directoryId = this.#context.rendezvousId();
    if (!this.#context.joined()) {
      // The link the channel becomes owns the connection: made first, for a channel that opens at once.
      const dialing = new Subscription();
      this.#owned.add(dialing);
      dialing.add(
        session.connect(directoryId, { label: JOIN_LABEL, timeoutMs: DIRECTORY_TIMEOUT_MS }).subscribe({
          next: (channel) => this.#context.onJoinChannel(channel, dialing),
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
          this.#searching = false;
          this.#context.onListed(members);
        },
        // A member in the room already only asks for the list: whoever answers at the
        // rendezvous ID (maybe a stranger squatting it) cannot turn it out, only fail to help.
        error: (error: unknown) => {
          if (error instanceof RoomError && error.reason !== 'join-failed') this.#context.onError(error);
          this.retryLater();
        },
      });
    this.#owned.add(ask);
  }
}
