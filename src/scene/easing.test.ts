import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approach, approachShare, DEFAULT_LEVEL_SMOOTHING_MS, easeOutCubic, glideFraction } from './easing.ts';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe('approachShare', () => {
  it('covers 1 - 1/e of the way in one time constant', () => {
    expect(approachShare(80, 80)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(approachShare(3 * DEFAULT_LEVEL_SMOOTHING_MS, DEFAULT_LEVEL_SMOOTHING_MS)).toBeCloseTo(0.95, 2);
  });

  it('means "at once" for a time constant of 0, below or NaN, and "not yet" for no time', () => {
    expect(approachShare(16, 0)).toBe(1);
    expect(approachShare(16, -5)).toBe(1);
    expect(approachShare(16, Number.NaN)).toBe(1);
    expect(approachShare(0, 80)).toBe(0);
    expect(approachShare(-3, 80)).toBe(0);
  });

  it('does not depend on how the time is cut into frames', () => {
    fc.assert(
      fc.property(finite(0, 500), finite(0, 500), finite(1, 1_000), (a, b, tau) => {
        // What is left after a then b equals what is left after a + b.
        const leftInSteps = (1 - approachShare(a, tau)) * (1 - approachShare(b, tau));
        expect(leftInSteps).toBeCloseTo(1 - approachShare(a + b, tau), 9);
      }),
    );
  });
});

describe('approach', () => {
  it('moves toward the target without overshooting, so values stay within their bounds', () => {
    fc.assert(
      fc.property(finite(-100, 100), finite(-100, 100), finite(0, 1_000), finite(0, 1_000), (current, target, dt, tau) => {
        const next = approach(current, target, dt, tau);
        expect(next).toBeGreaterThanOrEqual(Math.min(current, target));
        expect(next).toBeLessThanOrEqual(Math.max(current, target));
        expect(Math.abs(target - next)).toBeLessThanOrEqual(Math.abs(target - current));
      }),
    );
  });

  it('lands exactly on the target without smoothing', () => {
    expect(approach(1, 1.5, 16, 0)).toBe(1.5);
  });

  it('at 30 fps, follows a step to 95 % in about three time constants', () => {
    let value = 0;
    let elapsed = 0;
    while (value < 0.95) {
      value = approach(value, 1, 1_000 / 30, 80);
      elapsed += 1_000 / 30;
    }
    expect(elapsed).toBeGreaterThanOrEqual(3 * 80 - 1_000 / 30);
    expect(elapsed).toBeLessThanOrEqual(3 * 80 + 1_000 / 30);
  });
});

describe('easeOutCubic', () => {
  it('runs from 0 to 1, fast first, and clamps outside [0, 1]', () => {
    expect(easeOutCubic(0)).toBe(0);
    expect(easeOutCubic(0.5)).toBe(0.875);
    expect(easeOutCubic(1)).toBe(1);
    expect(easeOutCubic(-1)).toBe(0);
    expect(easeOutCubic(2)).toBe(1);
    expect(easeOutCubic(Number.NaN)).toBe(0);
  });

  it('never decreases', () => {
    fc.assert(
      fc.property(finite(-1, 2), finite(-1, 2), (a, b) => {
        expect(easeOutCubic(Math.max(a, b))).toBeGreaterThanOrEqual(easeOutCubic(Math.min(a, b)));
      }),
    );
  });
});

describe('glideFraction', () => {
  it('is eased time over duration, done at the duration and at once for none', () => {
    expect(glideFraction(0, 300)).toBe(0);
    expect(glideFraction(150, 300)).toBe(0.875);
    expect(glideFraction(300, 300)).toBe(1);
    expect(glideFraction(900, 300)).toBe(1);
    expect(glideFraction(0, 0)).toBe(1);
  });
});
