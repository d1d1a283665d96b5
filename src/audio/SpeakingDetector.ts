/**
 * The hysteresis behind `speaking` and `roomLevels`, as a small state machine fed one level
 * at a time, so that one member's detector costs two numbers and allocates nothing per frame.
 */
import { DEFAULT_SPEAKING, type SpeakingPolicy } from './speakingPolicy.ts';

/**
 * Decides "is speaking" from a sequence of levels and the times they were heard. It decides
 * when a level arrives (there is no timer): a steady source, such as `analyse` at its rate,
 * is decided at most one sample period late.
 *
 * @example
 * ```ts
 * const detector = new SpeakingDetector({ ...DEFAULT_SPEAKING, startAfterMs: 100 });
 * detector.hear(-30, 0);   // false: loud, but not yet for 100 ms
 * detector.hear(-30, 100); // true
 * detector.hear(-50, 200); // true: between the thresholds keeps the state
 * ```
 */
export class SpeakingDetector {
  readonly policy: SpeakingPolicy;
  #speaking = false;
  /** When the current run of levels that would flip the state began; NaN when none runs. */
  #runSince = Number.NaN;

  /** `policy` is taken as it is; build it with `speakingPolicy()` to have it checked. */
  constructor(policy: SpeakingPolicy = DEFAULT_SPEAKING) {
    this.policy = policy;
  }

  /** The state after the last level heard. */
  get speaking(): boolean {
    return this.#speaking;
  }

  /**
   * Takes the level (dBFS) heard at `nowMs` (any clock that does not run backwards) and
   * returns whether the member is speaking now. NaN counts as silence.
   *
   * @example
   * ```ts
   * const detector = new SpeakingDetector();
   * of(stream).pipe(analyse()).subscribe((frame) => console.log(detector.hear(frame.levelDb, performance.now())));
   * ```
   */
  hear(levelDb: number, nowMs: number): boolean {
    const { startDb, stopDb, startAfterMs, stopAfterMs } = this.policy;
    const pushesToFlip = this.#speaking ? !(levelDb >= stopDb) : levelDb > startDb;
    if (!pushesToFlip) {
      // One level inside the band (or back on the current side) ends the run: flicker that
      // crosses a threshold and returns never adds up to a flip.
      this.#runSince = Number.NaN;
      return this.#speaking;
    }
    if (Number.isNaN(this.#runSince)) this.#runSince = nowMs;
    if (nowMs - this.#runSince >= (this.#speaking ? stopAfterMs : startAfterMs)) {
      this.#speaking = !this.#speaking;
      this.#runSince = Number.NaN;
    }
    return this.#speaking;
  }

  /**
   * Back to silent, forgetting any run: for when the sound being judged is replaced or gone.
   *
   * @example
   * ```ts
   * declare const detector: SpeakingDetector;
   * detector.reset().speaking; // false
   * ```
   */
  reset(): this {
    this.#speaking = false;
    this.#runSince = Number.NaN;
    return this;
  }
}
