/**
 * The directory, kept by whichever member holds the room's rendezvous ID: it admits each
 * newcomer by the passphrase, refuses it when the room is full, and answers with whom to dial.
 * Newcomers it answered count as members for a while, so that two joining at once learn of
 * each other even before either has a link.
 *
 * A newcomer joins on a channel labelled {@link JOIN_LABEL}: that channel becomes its link
 * with the holder (handed over as a `joiner` event), so the pair needs no second connection and the
 * holder's call starts a connection sooner. A member that asks again (after a signaling outage)
 * uses {@link DIRECTORY_LABEL} and gets the list alone.
 */
import { delayWhen, type Observable, of, shareReplay, Subject, Subscription, take, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import type { AdmissionKey } from './admission.ts';
import { directoryLink } from './directoryLink.ts';
import { wire } from './protocol.ts';
import type { RoomError } from './RoomError.ts';

/** A newcomer's channel to the rendezvous ID that becomes its link with the holder. */
export const JOIN_LABEL = 'peerstage-join';
/** A member's channel to the rendezvous ID that only asks for the list, then closes. */
export const DIRECTORY_LABEL = 'peerstage-directory';

export interface ListedMember {
  readonly id: string;
  readonly name?: string;
}

export interface DirectoryContext {
  readonly roomId: string;
  readonly key: AdmissionKey | PromiseLike<AdmissionKey>;
  readonly maxMembers: number;
  /** This member and those it has links with. */
  readonly members: () => readonly ListedMember[];
}

/** What a desk tells its holder. */
export type DeskEvent =
  /** A newcomer's {@link JOIN_LABEL} channel: the holder makes it the newcomer's link. */
  | { readonly type: 'joiner'; readonly channel: DataChannel }
  /** A newcomer asking for the list alone was refused, or sent something malformed. */
  | { readonly type: 'error'; readonly error: RoomError };

/** How long an answered newcomer is listed without a link to the holder, and a link may stay. */
const NEWCOMER_GRACE_MS = 15_000;

export class DirectoryDesk {
  /** What the desk tells; completes on dispose. */
  readonly events$: Observable<DeskEvent>;
  readonly #events = new Subject<DeskEvent>();
  readonly #session: PeerSession;
  readonly #context: DirectoryContext;
  readonly #owned = new Subscription();
  readonly #newcomers = new Map<string, ListedMember & { readonly at: number }>();

  constructor(session: PeerSession, context: DirectoryContext) {
    this.#session = session;
    this.#context = context;
    this.events$ = this.#events.asObservable();
  }

  /**
   * Answers newcomers until disposed. Listens at once, but answers only once `ready$` emits
   * (this member's own registration is through: the listing names it): a newcomer that dials
   * the moment the rendezvous ID is held waits a little instead of being lost.
   *
   * @example
   * ```ts
   * import type { PeerSession } from 'peerstage/rtc';
   * declare const rendezvous: PeerSession, context: DirectoryContext; // rendezvous: registered under the room's rendezvous ID
   * const desk = new DirectoryDesk(rendezvous, context);
   * desk.open(session.state$.pipe(filter((state) => state === 'open')));
   * ```
   */
  open(ready$: Observable<unknown> = of(undefined)): void {
    const ready = ready$.pipe(take(1), shareReplay(1));
    this.#owned.add(
      this.#session.connections$.pipe(delayWhen(() => ready)).subscribe((channel) => {
        if (channel.label === JOIN_LABEL) this.#events.next({ type: 'joiner', channel });
        else this.#serve(channel);
      }),
    );
  }

  /**
   * Why a newcomer may not join now (`room-full`), or `null`: the holder's link to it refuses so.
   *
   * @example
   * ```ts
   * const refusal = () => desk.refusalFor(channel.remoteId); // in the newcomer's handshake context
   * ```
   */
  refusalFor(joinerId: string): 'room-full' | null {
    return this.#listing(joinerId).length >= this.#context.maxMembers ? 'room-full' : null;
  }

  /**
   * Whom a newcomer admitted on its link with the holder should dial: everyone but itself and
   * the holder (`holderId`), to whom it is linked already.
   *
   * @example
   * ```ts
   * import { wire } from './protocol.ts';
   * await link.channel.send(wire({ t: 'members', members: desk.listingFor(link.remoteId, session.id ?? '') }));
   * ```
   */
  listingFor(joinerId: string, holderId: string): ListedMember[] {
    return this.#listing(joinerId).filter((member) => member.id !== holderId);
  }

  /**
   * Counts a newcomer this desk just listed (on its join link) as a member for a while: those
   * listed after it dial it, even before it has a link with the holder or with anyone.
   *
   * @example
   * ```ts
   * import { wire } from './protocol.ts';
   * await link.channel.send(wire({ t: 'members', members: desk.listingFor(link.remoteId, session.id ?? '') }));
   * desk.listed(link.remoteId);
   * ```
   */
  listed(joinerId: string): void {
    this.#newcomers.set(joinerId, { id: joinerId, at: Date.now() });
  }

  dispose(): void {
    this.#owned.unsubscribe();
    this.#newcomers.clear();
    this.#events.complete();
  }

  /** Everyone to list: members with links, and newcomers answered lately. */
  #listing(excluding: string): ListedMember[] {
    const now = Date.now();
    const listed = new Map<string, ListedMember>();
    for (const member of this.#context.members()) listed.set(member.id, member);
    for (const [id, newcomer] of this.#newcomers) {
      if (now - newcomer.at > NEWCOMER_GRACE_MS || listed.has(id)) this.#newcomers.delete(id);
      else listed.set(id, { id, name: newcomer.name });
    }
    listed.delete(excluding);
    return [...listed.values()];
  }

  #serve(channel: DataChannel): void {
    const joinerId = channel.remoteId;
    const { roomId, key } = this.#context;
    const link = directoryLink(
      channel,
      {
        roomId,
        selfId: this.#session.id ?? '',
        remoteId: joinerId,
        name: undefined,
        key,
        refusal: () => this.refusalFor(joinerId),
      },
      'directory',
    ).subscribe({
      next: (step) => {
        if (step.type !== 'admitted') return;
        channel.send(wire({ t: 'members', members: this.#listing(joinerId) })).catch(() => undefined);
        this.listed(joinerId);
      },
      error: (error: RoomError) => {
        if (error.reason === 'admission-refused' || error.reason === 'malformed-message') this.#events.next({ type: 'error', error });
        // Let the refusal reach the newcomer before the link goes.
        this.#owned.add(timer(500).subscribe(() => channel.close()));
      },
    });
    // The newcomer closes the link once it has the list; a newcomer that does not is cut off.
    this.#owned.add(link);
    this.#owned.add(timer(NEWCOMER_GRACE_MS).subscribe(() => channel.close()));
    this.#owned.add(channel.closed$.subscribe(() => link.unsubscribe()));
  }
}
