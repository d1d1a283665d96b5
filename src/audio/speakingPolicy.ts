/**
 * When a level counts as someone speaking: two thresholds and two delays, so that breath,
 * a click or the gap between two words neither starts nor stops "speaking" (hysteresis).
 */

export interface SpeakingPolicy {
  /** Level (dBFS, RMS) a silent member must rise above to start speaking. */
  readonly startDb: number;
  /** Level (dBFS, RMS) a speaking member must fall below to stop; at most `startDb`. */
  readonly stopDb: number;
  /** How long the level must stay above `startDb` before speaking starts. */
  readonly startAfterMs: number;
  /** How long the level must stay below `stopDb` before speaking stops. */
  readonly stopAfterMs: number;
}

export const DEFAULT_SPEAKING: SpeakingPolicy = {
  // A voice at an ordinary microphone gain reads -35 to -15 dBFS RMS, a quiet room -60 to -50.
  startDb: -45,
  // 10 dB below the start: a voice fading at the end of a sentence stays "speaking".
  stopDb: -55,
  // Longer than a click or a knock on the desk (one or two 30 Hz frames), short enough that the
  // indicator lights within the first syllable.
  startAfterMs: 100,
  // Bridges the pauses between words, so the indicator does not blink within a sentence.
  stopAfterMs: 300,
};

/**
 * `DEFAULT_SPEAKING` with `overrides` on top, checked: thresholds must be numbers with
 * `stopDb <= startDb`, delays finite and not negative. Throws a `RangeError` otherwise, since
 * such a policy would flicker or never decide.
 *
 * @example
 * ```ts
 * speakingPolicy({ startDb: -40 }); // { startDb: -40, stopDb: -55, startAfterMs: 100, stopAfterMs: 300 }
 * speakingPolicy({ startDb: -60 }); // throws: stopDb -55 is above startDb -60
 * ```
 */
export function speakingPolicy(overrides: Partial<SpeakingPolicy> = {}): SpeakingPolicy {
  const policy: SpeakingPolicy = { ...DEFAULT_SPEAKING, ...overrides };
  // Written as negations so that NaN fails too.
  if (!(policy.stopDb <= policy.startDb)) {
    throw new RangeError(`speaking: stopDb (${policy.stopDb}) must be a level at most startDb (${policy.startDb})`);
  }
  for (const key of ['startAfterMs', 'stopAfterMs'] as const) {
    if (!(policy[key] >= 0 && Number.isFinite(policy[key]))) {
      throw new RangeError(`speaking: ${key} must be a finite delay of 0 ms or more, not ${policy[key]}`);
    }
  }
  return policy;
}
