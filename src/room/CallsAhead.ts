/**
 * The calls a room member placed before their members' links were bound (see MemberCalls.ts),
 * one per member, until a link takes its call or the call expires unanswered by a link.
 */
import { Subscription, timer } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { CallsLink } from './MemberCalls.ts';

/** The link a call carries: its channel once open. */
export interface Carried {
  channel?: DataChannel;
}

/** A call placed ahead, until a link takes it. */
interface CallAhead {
  /** The call itself: unsubscribing hangs it up. */
  readonly subscription: Subscription;
  /** Hangs up a call whose link never comes. */
  readonly expiry: Subscription;
  /** The link's channel the call carries (see `linkCall`): only that link takes it. */
  readonly carried?: Carried;
}

export class CallsAhead {
  readonly #waitForLinkMs: number;
  readonly #byMember = new Map<string, CallAhead>();
  readonly #owned = new Subscription();

  /** `waitForLinkMs`: how long a call waits for its member's link before it is hung up. */
  constructor(waitForLinkMs: number) {
    this.#waitForLinkMs = waitForLinkMs;
  }

  /**
   * Whether a call to `remoteId` is placed ahead already.
   *
   * @example
   * ```ts
   * declare const ahead: CallsAhead;
   * if (!ahead.has('bo')) console.log('call bo');
   * ```
   */
  has(remoteId: string): boolean {
    return this.#byMember.has(remoteId);
  }

  /**
   * Books `subscription`, a call placed to `remoteId` (carrying `carried`'s link, if given),
   * until a link takes it or it expires.
   *
   * @example
   * ```ts
   * import { Subscription } from 'rxjs';
   * const ahead = new CallsAhead(15_000);
   * ahead.hold('bo', new Subscription()); // the call: unsubscribing hangs it up
   * ```
   */
  hold(remoteId: string, subscription: Subscription, carried?: Carried): void {
    const letGo = () => this.#take(remoteId, ahead)?.unsubscribe();
    const ahead: CallAhead = { subscription, expiry: timer(this.#waitForLinkMs).subscribe(letGo), carried };
    this.#byMember.set(remoteId, ahead);
    this.#owned.add(subscription);
    this.#owned.add(ahead.expiry);
    // A call that fails or is hung up by the other side makes way for a new one at bind.
    subscription.add(letGo);
  }

  /**
   * Takes the call placed ahead to `link`'s member off the books without hanging it up, if it
   * may go to that link; the link owns it from then on.
   *
   * @example
   * ```ts
   * declare const ahead: CallsAhead;
   * const call = ahead.takeFor(record);
   * if (call) record.owned.add(call);
   * ```
   */
  takeFor(link: CallsLink): Subscription | undefined {
    const ahead = this.#byMember.get(link.remoteId);
    return ahead && belongsTo(ahead.carried, link) ? this.#take(link.remoteId, ahead) : undefined;
  }

  /**
   * Hangs up every call still booked.
   *
   * @example
   * ```ts
   * declare const ahead: CallsAhead;
   * ahead.dispose();
   * ```
   */
  dispose(): void {
    this.#owned.unsubscribe();
    this.#byMember.clear();
  }

  #take(remoteId: string, which: CallAhead): Subscription | undefined {
    if (this.#byMember.get(remoteId) !== which) return undefined;
    this.#byMember.delete(remoteId);
    which.expiry.unsubscribe();
    this.#owned.remove(which.subscription);
    this.#owned.remove(which.expiry);
    return which.subscription;
  }
}

/**
 * Whether a call carrying `carried` (if any) may go to `link`: a call carrying a link goes to
 * that link alone.
 *
 * @example
 * ```ts
 * belongsTo(undefined, record); // → true: a call carrying no link goes to any link of its member
 * ```
 */
export function belongsTo(carried: Carried | undefined, link: CallsLink): boolean {
  return !carried || carried.channel === link.channel;
}
