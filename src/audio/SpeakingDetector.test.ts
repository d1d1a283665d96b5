import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpeakingDetector } from './SpeakingDetector.ts';
import type { SpeakingPolicy } from './speakingPolicy.ts';

const POLICY: SpeakingPolicy = { startDb: -45, stopDb: -55, startAfterMs: 40, stopAfterMs: 100 };

interface Heard {
  readonly levelDb: number;
  readonly atMs: number;
}

/**
 * The rule, stated over the whole history instead of as a running state: the state flips at
 * a level when the unbroken run of levels pushing to flip, counted back from it to just after
 * the last flip, started at least the delay earlier.
 */
function flipsByTheRule(heard: readonly Heard[], policy: SpeakingPolicy): boolean[] {
  const states: boolean[] = [];
  let speaking = false;
  let lastFlip = -1;
  heard.forEach(({ atMs }, index) => {
    const pushes = (levelDb: number) => (speaking ? !(levelDb >= policy.stopDb) : levelDb > policy.startDb);
    let runStart = index + 1;
    while (runStart - 1 > lastFlip && pushes(heard[runStart - 1]!.levelDb)) runStart -= 1;
    const delay = speaking ? policy.stopAfterMs : policy.startAfterMs;
    if (runStart <= index && atMs - heard[runStart]!.atMs >= delay) {
      speaking = !speaking;
      lastFlip = index;
    }
    states.push(speaking);
  });
  return states;
}

const history = fc
  .array(
    fc.record({
      levelDb: fc.oneof(fc.double({ min: -80, max: -20, noNaN: true }), fc.constantFrom(-45, -55, Number.NEGATIVE_INFINITY, Number.NaN)),
      stepMs: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 200 },
  )
  .map((steps) => {
    let atMs = 0;
    return steps.map(({ levelDb, stepMs }) => {
      atMs += stepMs;
      return { levelDb, atMs };
    });
  });

describe('SpeakingDetector', () => {
  it('flips exactly where the rule says, for any history of levels', () => {
    fc.assert(
      fc.property(history, (heard) => {
        const detector = new SpeakingDetector(POLICY);
        expect(heard.map(({ levelDb, atMs }) => detector.hear(levelDb, atMs))).toEqual(flipsByTheRule(heard, POLICY));
      }),
    );
  });

  it('never starts from levels at or below startDb, nor stops on levels at or above stopDb', () => {
    const detector = new SpeakingDetector(POLICY);
    for (let atMs = 0; atMs < 1_000; atMs += 10) expect(detector.hear(-45, atMs)).toBe(false);
    for (let atMs = 1_000; atMs <= 1_040; atMs += 10) detector.hear(-30, atMs);
    expect(detector.speaking).toBe(true);
    for (let atMs = 1_050; atMs < 2_000; atMs += 10) expect(detector.hear(-55, atMs)).toBe(true);
  });

  it('forgets its state and any run on reset', () => {
    const detector = new SpeakingDetector(POLICY);
    detector.hear(-30, 0);
    detector.hear(-30, 40);
    expect(detector.speaking).toBe(true);
    expect(detector.reset().speaking).toBe(false);
    // The loud run before the reset does not count: 40 ms from here.
    detector.hear(-30, 41);
    expect(detector.hear(-30, 80)).toBe(false);
    expect(detector.hear(-30, 81)).toBe(true);
  });
});
