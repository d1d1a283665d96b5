/**
 * When to dial again a member whose link was lost though neither left (see
 * `lostWithoutLeaving`): soon the first time, then backing off as losses of that member pile
 * up within a window. On a link that cannot carry the mesh each new connection is
 * lost again, and dialing at once would only add to the load that lost it.
 */
import type { ReconnectPolicy } from '../rtc/reconnectPolicy.ts';

/** Losses further apart than this start the backoff afresh. */
export const LOST_LINK_WINDOW_MS = 60_000;

export class LostLinks {
  readonly #policy: ReconnectPolicy;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** When each member's links were lost, within the window. */
  readonly #lost = new Map<string, number[]>();

  constructor(policy: ReconnectPolicy, windowMs = LOST_LINK_WINDOW_MS, now: () => number = Date.now) {
    this.#policy = policy;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /**
   * Notes that `memberId`'s link was lost; says how long to wait before dialing it again, or
   * `null` when it was lost too often lately to try again.
   *
   * @example
   * ```ts
   * import { DEFAULT_REDIAL } from './redial.ts';
   *
   * const lostLinks = new LostLinks(DEFAULT_REDIAL);
   * lostLinks.lost('bo'); // about 500: the policy's first delay
   * lostLinks.lost('bo'); // about 1000: lost again soon after
   * ```
   */
  lost(memberId: string): number | null {
    const now = this.#now();
    for (const [id, times] of this.#lost) {
      const recent = times.filter((at) => now - at < this.#windowMs);
      if (recent.length === 0) this.#lost.delete(id);
      else this.#lost.set(id, recent);
    }
    const times = [...(this.#lost.get(memberId) ?? []), now];
    this.#lost.set(memberId, times);
    return this.#policy.delayMs(times.length);
  }

  /** The members whose losses are remembered now. */
  get size(): number {
    return this.#lost.size;
  }
}
