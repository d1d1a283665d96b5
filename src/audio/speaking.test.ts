import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { speaking } from './speaking.ts';
import { DEFAULT_SPEAKING, speakingPolicy } from './speakingPolicy.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** L loud (above startDb), M in the band between the thresholds, Q quiet (below stopDb). */
const LEVELS = { L: -30, M: -50, Q: -70, S: Number.NEGATIVE_INFINITY, N: Number.NaN };
const FLAGS = { t: true, f: false };
/** Thresholds as the defaults, delays short enough to write one level per 1 ms frame. */
const FAST = { startAfterMs: 2, stopAfterMs: 3 };

describe('speaking', () => {
  it('starts once the level has stayed above startDb for startAfterMs, and tells the first state at once', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // Loud from frame 1: 1 ms at frame 2, 2 ms at frame 3.
      expectObservable(cold('QLLLL', LEVELS).pipe(speaking(FAST))).toBe('f--t-', FLAGS);
    });
  });

  it('stops only once the level has stayed below stopDb for stopAfterMs', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // Speaking from frame 2; quiet from frame 4, so 3 ms later at frame 7.
      expectObservable(cold('LLLLQQQQQ', LEVELS).pipe(speaking(FAST))).toBe('f-t----f-', FLAGS);
    });
  });

  it('does not toggle on flicker across either threshold', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // Silent: single loud frames never last startAfterMs. Speaking: single quiet frames
      // (and pairs) never last stopAfterMs.
      expectObservable(cold('QLQLQLLQLQ', LEVELS).pipe(speaking(FAST))).toBe('f---------', FLAGS);
      expectObservable(cold('LLLQLQQLQQLQ', LEVELS).pipe(speaking(FAST))).toBe('f-t---------', FLAGS);
    });
  });

  it('keeps either state for levels between stopDb and startDb (hysteresis)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('MMMMMM', LEVELS).pipe(speaking(FAST))).toBe('f-----', FLAGS);
      expectObservable(cold('LLLMMMMMMQQQQ', LEVELS).pipe(speaking(FAST))).toBe('f-t---------f', FLAGS);
    });
  });

  it('restarts the delay when a run is broken by a level in the band', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // Loud L L M L L L: the run restarts at frame 3, so speaking starts at frame 5, not 2.
      expectObservable(cold('LLMLLL', LEVELS).pipe(speaking(FAST))).toBe('f----t', FLAGS);
      // Quiet run broken at frame 5: stops at frame 9 (6 + 3), not 7.
      expectObservable(cold('LLLQQMQQQQ', LEVELS).pipe(speaking(FAST))).toBe('f-t------f', FLAGS);
    });
  });

  it('counts -Infinity (digital silence) and NaN as quiet', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('LLLSSSS', LEVELS).pipe(speaking(FAST))).toBe('f-t---f', FLAGS);
      expectObservable(cold('LLLNNNN', LEVELS).pipe(speaking(FAST))).toBe('f-t---f', FLAGS);
      expectObservable(cold('NNNN', LEVELS).pipe(speaking(FAST))).toBe('f---', FLAGS);
    });
  });

  it('decides at the first level with no delays', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('LQL', LEVELS).pipe(speaking({ startAfterMs: 0, stopAfterMs: 0 }))).toBe('tft', FLAGS);
    });
  });

  it('uses DEFAULT_SPEAKING by default: 100 ms to start, 300 ms to stop, at 20 levels a second', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const every50ms = (pattern: string) => pattern.split('').join(' 49ms ');
      // Loud at 0, 50, 100 ms: speaking at 100. Quiet from 150 ms: silent at 450.
      const levels = cold(every50ms('LLLQQQQQQQQ'), LEVELS);
      expectObservable(levels.pipe(speaking())).toBe('f 99ms t 349ms f', FLAGS);
    });
  });

  it('keeps separate state for each subscription', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const isSpeaking = cold('LLLL', LEVELS).pipe(speaking(FAST));
      expectObservable(isSpeaking).toBe('f-t-', FLAGS);
      expectObservable(isSpeaking, '--^').toBe('--f-t', FLAGS);
    });
  });

  it('passes errors and completion through', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('LLL|', LEVELS).pipe(speaking(FAST))).toBe('f-t|', FLAGS);
      expectObservable(cold('L#', LEVELS).pipe(speaking(FAST))).toBe('f#', FLAGS);
    });
  });

  it('throws a RangeError at once for a policy that cannot work', () => {
    for (const bad of [{ startDb: -60 }, { stopDb: Number.NaN }, { startAfterMs: -1 }, { stopAfterMs: Number.POSITIVE_INFINITY }]) {
      expect(() => speaking(bad), JSON.stringify(bad)).toThrowError(RangeError);
    }
    expect(() => speaking({ startDb: -60 })).toThrowError(RangeError);
    expect(speakingPolicy({ startDb: -40 })).toEqual({ ...DEFAULT_SPEAKING, startDb: -40 });
  });
});
