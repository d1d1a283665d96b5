/**
 * The peak-hold marker of a level meter: the loudest recent level, held, then falling.
 */

/** How long a peak stays put and how fast it falls after. */
export interface PeakHoldPolicy {
  /** How long a new peak stays where it is before it starts to fall. */
  readonly holdMs: number;
  /** How fast it falls once held long enough. */
  readonly decayDbPerSecond: number;
}

/** Broadcast meters hold about a second and fall about 20 dB a second; so do these. */
export const DEFAULT_PEAK_HOLD: PeakHoldPolicy = { holdMs: 1_000, decayDbPerSecond: 20 };

/**
 * A held peak over levels that arrive with their own times. It keeps two numbers and
 * allocates nothing, so a meter may feed it every frame.
 *
 * @example
 * ```ts
 * const peak = new PeakHold({ holdMs: 500, decayDbPerSecond: 30 });
 * peak.update(-6, 0);     // -6
 * peak.update(-20, 400);  // -6: held
 * peak.valueAt(1_500);    // -36: fell 30 dB in the second after the hold
 * ```
 */
export class PeakHold {
  readonly policy: PeakHoldPolicy;
  #peakDb = -Infinity;
  #heldAtMs = 0;

  constructor(policy: PeakHoldPolicy = DEFAULT_PEAK_HOLD) {
    checkPeakHoldPolicy(policy, 'PeakHold');
    this.policy = policy;
  }

  /** The marker's level at `nowMs`: the peak for `holdMs`, then falling at `decayDbPerSecond`. */
  valueAt(nowMs: number): number {
    const fallingMs = nowMs - this.#heldAtMs - this.policy.holdMs;
    // A time before the hold began (a paint stamped just before the frame came) is inside it.
    return fallingMs > 0 ? this.#peakDb - (fallingMs * this.policy.decayDbPerSecond) / 1_000 : this.#peakDb;
  }

  /** Takes a level measured at `nowMs` and returns the marker's level then. `NaN` is ignored. */
  update(levelDb: number, nowMs: number): number {
    if (levelDb >= this.valueAt(nowMs)) {
      this.#peakDb = levelDb;
      this.#heldAtMs = nowMs;
    }
    return this.valueAt(nowMs);
  }

  /** Forgets the peak, as if no level had come yet. */
  reset(): void {
    this.#peakDb = -Infinity;
    this.#heldAtMs = 0;
  }
}

/** Throws a `RangeError` unless both of the policy's numbers are finite and at least 0. */
export function checkPeakHoldPolicy(policy: PeakHoldPolicy, who: string): void {
  if (!(policy.holdMs >= 0 && policy.decayDbPerSecond >= 0 && Number.isFinite(policy.holdMs + policy.decayDbPerSecond))) {
    throw new RangeError(
      `${who}: holdMs and decayDbPerSecond must be finite and at least 0, not ${policy.holdMs} and ${policy.decayDbPerSecond}`,
    );
  }
}
