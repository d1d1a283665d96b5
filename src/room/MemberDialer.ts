/**
 * Dialing the other members of a room, for one member: each dial, the redials after a dial or
 * a handshake that failed (the redial policy), and after a link lost though neither member
 * left (`LostLinks`). The channels it dials come out of `events$` for the room to make links
 * of; what it gives up on comes out as an error.
 */
import { type Observable, Subject, Subscription, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import type { ReconnectPolicy } from '../rtc/reconnectPolicy.ts';
import type { LinkEnd } from './LinkEvent.ts';
import { LostLinks } from './LostLinks.ts';
import type { MemberCalls } from './MemberCalls.ts';
import { dialWorthRetrying, lostWithoutLeaving } from './redial.ts';
import { RoomError } from './RoomError.ts';

export type DialEvent =
  /** A link's channel this member dialed is open: `dial` is its connection, for the link to own. */
  | { readonly type: 'dialed'; readonly channel: DataChannel; readonly dial: Subscription }
  /** The redial policy gave up on a member. */
  | { readonly type: 'error'; readonly error: RoomError };

export interface MemberDialerOptions {
  /** The label of the room's links. */
  readonly linkLabel: string;
  /** How long a link's connection may take to open. */
  readonly timeoutMs: number;
  readonly redial: ReconnectPolicy;
  /** Whether this member has a link to `remoteId` already: then it is not dialed. */
  readonly isLinked: (remoteId: string) => boolean;
}

export class MemberDialer {
  /** What the dialer tells; completes on dispose. */
  readonly events$: Observable<DialEvent>;
  readonly #events = new Subject<DialEvent>();
  readonly #session: PeerSession;
  readonly #calls: MemberCalls;
  readonly #options: MemberDialerOptions;
  readonly #owned = new Subscription();
  /** Which try the dial to each member not admitted yet is (1 for the first). */
  readonly #attempts = new Map<string, number>();
  /** Links lost though neither member left: when to dial their members again. */
  readonly #lostLinks: LostLinks;
  /** Members whose link was lost lately: not dialed before then, whoever lists them. */
  readonly #heldUntil = new Map<string, number>();
  /** The dial waiting for each member held (one at most). */
  readonly #waiting = new Map<string, Subscription>();

  constructor(session: PeerSession, calls: MemberCalls, options: MemberDialerOptions) {
    this.#session = session;
    this.#calls = calls;
    this.#options = options;
    this.#lostLinks = new LostLinks(options.redial);
    this.events$ = this.#events.asObservable();
  }

  /**
   * Dials `remoteId`, unless linked already, or once its hold is over if its link was lost
   * lately (see `linkEnded`). Sharing media, the link rides inside the call: one connection
   * for the pair's link and this side's media. Else the link has a connection of its own, and
   * any call goes out with the dial, not once the link opens (see MemberCalls).
   *
   * @example
   * ```ts
   * declare const dialer: MemberDialer;
   * dialer.events$.subscribe((event) => event.type === 'dialed' && console.log(event.channel.remoteId));
   * dialer.dial('bo');
   * ```
   */
  dial(remoteId: string): void {
    const heldMs = (this.#heldUntil.get(remoteId) ?? 0) - Date.now();
    if (heldMs > 0) {
      this.#dialLater(remoteId, heldMs, () => this.#dialNow(remoteId));
      return;
    }
    this.#heldUntil.delete(remoteId);
    this.#dialNow(remoteId);
  }

  /**
   * `remoteId` is admitted: its dial is done.
   *
   * @example
   * ```ts
   * declare const dialer: MemberDialer;
   * dialer.admitted('bo');
   * ```
   */
  admitted(remoteId: string): void {
    this.#attempts.delete(remoteId);
  }

  /**
   * A link ended (`admitted`: after its member was admitted; `dialedHere`: this member dialed
   * it). One this member dialed that broke off mid-handshake is dialed again after the redial
   * policy's delay: the pair would stay apart. A member whose admitted link was lost though
   * neither left is held for as long as `LostLinks` says, on both sides: on a starved machine
   * the other side may give up its handshake just after this side admitted it, or a call
   * fails under load, and dialing at once (as a directory's listing would) adds to the load
   * that lost it. The side that dialed it dials again then, if the member still answers
   * through the signaling server; one that is gone is not dialed, and nothing is reported.
   *
   * @example
   * ```ts
   * declare const dialer: MemberDialer;
   * dialer.linkEnded('bo', 'silent', { admitted: true, dialedHere: true });
   * ```
   */
  linkEnded(remoteId: string, why: LinkEnd, { admitted, dialedHere }: { admitted: boolean; dialedHere: boolean }): void {
    if (this.#owned.closed) return;
    if (!admitted) {
      if (!dialedHere || !this.#attempts.has(remoteId)) return;
      if (lostWithoutLeaving(why)) this.#redialLater(remoteId, new Error(`the handshake with ${remoteId} ended: ${why}`));
      else this.#attempts.delete(remoteId);
      return;
    }
    if (!lostWithoutLeaving(why)) return;
    const delayMs = this.#lostLinks.lost(remoteId);
    if (delayMs === null) return;
    this.#heldUntil.set(remoteId, Date.now() + delayMs);
    if (!dialedHere) return;
    this.#dialLater(remoteId, delayMs, async () => {
      const reachable = await this.#session.reachable(remoteId);
      if (reachable && !this.#owned.closed) this.#dialNow(remoteId);
    });
  }

  /**
   * Stops every dial and redial.
   *
   * @example
   * ```ts
   * declare const dialer: MemberDialer;
   * dialer.dispose();
   * ```
   */
  dispose(): void {
    this.#owned.unsubscribe();
    this.#events.complete();
  }

  /** Dials `remoteId` now (`attempt`: which try this is), unless linked already. */
  #dialNow(remoteId: string, attempt = 1): void {
    if (this.#owned.closed || this.#options.isLinked(remoteId)) return;
    this.#attempts.set(remoteId, attempt);
    let linkDial = this.#calls.linkCall(remoteId);
    if (!linkDial) {
      this.#calls.callAhead(remoteId);
      linkDial = this.#session.connect(remoteId, { label: this.#options.linkLabel, timeoutMs: this.#options.timeoutMs });
    }
    const dial: Subscription = linkDial.subscribe({
      next: (channel) => this.#events.next({ type: 'dialed', channel, dial }),
      // A listed member that has gone meanwhile (`peer-unavailable`) is no error: it just is
      // not in the room. Any other failure may be the machine's or the network's: try again.
      error: (error: unknown) => {
        if (dialWorthRetrying(error)) this.#redialLater(remoteId, error);
        else this.#attempts.delete(remoteId);
      },
    });
    this.#owned.add(dial);
  }

  /** Runs `dial` for `remoteId` in `delayMs`, unless a dial for it waits already. */
  #dialLater(remoteId: string, delayMs: number, dial: () => void): void {
    if (this.#waiting.has(remoteId)) return;
    const waiting = timer(delayMs).subscribe(() => {
      this.#waiting.delete(remoteId);
      dial();
    });
    this.#waiting.set(remoteId, waiting);
    this.#owned.add(waiting);
  }

  /** Dials `remoteId` again after the redial policy's delay, or reports that it gave up. */
  #redialLater(remoteId: string, cause: unknown): void {
    const attempt = this.#attempts.get(remoteId) ?? 1;
    const delayMs = this.#options.redial.delayMs(attempt);
    if (delayMs === null) {
      this.#attempts.delete(remoteId);
      const error = new RoomError('connection-failed', `could not connect to ${remoteId} after ${attempt} tries`, {
        cause,
        peerId: remoteId,
      });
      this.#events.next({ type: 'error', error });
      return;
    }
    this.#owned.add(timer(delayMs).subscribe(() => this.#dialNow(remoteId, attempt + 1)));
  }
}
