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
  /** Links this member dialed and lost though neither left: when to dial their members again. */
  readonly #lostLinks: LostLinks;

  constructor(session: PeerSession, calls: MemberCalls, options: MemberDialerOptions) {
    this.#session = session;
    this.#calls = calls;
    this.#options = options;
    this.#lostLinks = new LostLinks(options.redial);
    this.events$ = this.#events.asObservable();
  }

  /**
   * Dials `remoteId`, unless linked already. Sharing media, the link rides inside the call: one
   * connection for the pair's link and this side's media. Else the link has a connection of its
   * own, and any call goes out with the dial, not once the link opens (see MemberCalls).
   *
   * @example
   * ```ts
   * declare const dialer: MemberDialer;
   * dialer.events$.subscribe((event) => event.type === 'dialed' && console.log(event.channel.remoteId));
   * dialer.dial('bo');
   * ```
   */
  dial(remoteId: string, attempt = 1): void {
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
   * A link this member dialed ended (`admitted`: after its member was admitted). One that broke
   * off mid-handshake is dialed again after the redial policy's delay: the pair would stay
   * apart. So is a member whose admitted link was lost though neither left: on a starved
   * machine the other side may give up its handshake just after this side admitted it, or a
   * call fails under load, and nobody else would dial. It waits as `LostLinks` says, and dials
   * only a member that still answers through the signaling server; one that is gone is not
   * dialed, and nothing is reported of it.
   *
   * @example
   * ```ts
   * declare const dialer: MemberDialer;
   * dialer.linkEnded('bo', 'silent', true);
   * ```
   */
  linkEnded(remoteId: string, why: LinkEnd, admitted: boolean): void {
    if (this.#owned.closed) return;
    if (!admitted) {
      if (!this.#attempts.has(remoteId)) return;
      if (lostWithoutLeaving(why)) this.#redialLater(remoteId, new Error(`the handshake with ${remoteId} ended: ${why}`));
      else this.#attempts.delete(remoteId);
      return;
    }
    if (!lostWithoutLeaving(why)) return;
    const delayMs = this.#lostLinks.lost(remoteId);
    if (delayMs === null) return;
    this.#owned.add(
      timer(delayMs).subscribe(async () => {
        const reachable = await this.#session.reachable(remoteId);
        if (reachable && !this.#owned.closed && !this.#options.isLinked(remoteId)) this.dial(remoteId);
      }),
    );
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
    this.#owned.add(timer(delayMs).subscribe(() => this.dial(remoteId, attempt + 1)));
  }
}
