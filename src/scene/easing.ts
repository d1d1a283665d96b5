/**
 * The stage's motion math: pure functions of time, so that how a cube moves depends on the
 * milliseconds that passed, never on the frame rate, and can be tested without a browser.
 */

/**
 * How long a cube's size takes to follow its level, by default: the time constant of an
 * exponential approach (after it, 63 % of a change is made; after three, 95 %). Levels come
 * every 33 ms at an analysis rate of 30 Hz; 80 ms smooths their jitter away and still
 * follows a word as it is spoken.
 */
export const DEFAULT_LEVEL_SMOOTHING_MS = 80;

/**
 * The share of the remaining way an exponential approach covers in `dtMs`:
 * `1 - e^(-dtMs / timeConstantMs)`. Frame-rate independent: two steps of 10 ms cover exactly
 * what one step of 20 ms does. A time constant of 0 or less (or a NaN) means "at once": 1.
 *
 * @example
 * ```ts
 * approachShare(80, 80); // ≈ 0.632
 * approachShare(16, 0);  // 1
 * ```
 */
export function approachShare(dtMs: number, timeConstantMs: number): number {
  if (!(timeConstantMs > 0)) return 1;
  if (!(dtMs > 0)) return 0;
  return 1 - Math.exp(-dtMs / timeConstantMs);
}

/**
 * `current` moved toward `target` by {@link approachShare} of the way: an exponential
 * approach that never overshoots, so a value between two bounds stays between them.
 *
 * @example
 * ```ts
 * let scale = 1;
 * scale = approach(scale, 1.5, 16, DEFAULT_LEVEL_SMOOTHING_MS); // ≈ 1.09, a step of the way
 * approach(1, 1.5, 16, 0); // 1.5: no smoothing
 * ```
 */
export function approach(current: number, target: number, dtMs: number, timeConstantMs: number): number {
  const share = approachShare(dtMs, timeConstantMs);
  // The last step lands exactly, so that a settled value equals its target.
  return share >= 1 ? target : current + (target - current) * share;
}

/**
 * Ease-out cubic on `t` in [0, 1] (clamped): fast at first, gentle on arrival, as a cube
 * settling into place or growing in should look.
 *
 * @example
 * ```ts
 * easeOutCubic(0);   // 0
 * easeOutCubic(0.5); // 0.875
 * easeOutCubic(1);   // 1
 * ```
 */
export function easeOutCubic(t: number): number {
  // NaN fails the comparison and counts as the start.
  const clamped = t > 0 ? Math.min(1, t) : 0;
  return 1 - (1 - clamped) ** 3;
}

/**
 * How far a glide of `durationMs` is, eased, after `elapsedMs`: 0 at the start, 1 from
 * `durationMs` on (at once for a duration of 0 or less). A glide ends exactly where it was
 * going, unlike an exponential approach.
 *
 * @example
 * ```ts
 * glideFraction(150, 300); // 0.875
 * glideFraction(400, 300); // 1
 * glideFraction(0, 0);     // 1
 * ```
 */
export function glideFraction(elapsedMs: number, durationMs: number): number {
  if (!(durationMs > 0)) return 1;
  return easeOutCubic(elapsedMs / durationMs);
}
