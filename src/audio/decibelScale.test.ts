import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDecibelRange, dbToFraction, dbToHeight } from './decibelScale.ts';

const meter = { minDb: -60, maxDb: 0 };

describe('dbToHeight', () => {
  it('maps the range linearly onto the pixels', () => {
    expect(dbToHeight(-60, meter, 200)).toBe(0);
    expect(dbToHeight(-30, meter, 200)).toBe(100);
    expect(dbToHeight(-12, meter, 200)).toBeCloseTo(160, 10);
    expect(dbToHeight(0, meter, 200)).toBe(200);
    expect(dbToHeight(-100, { minDb: -100, maxDb: -30 }, 70)).toBe(0);
    expect(dbToHeight(-65, { minDb: -100, maxDb: -30 }, 70)).toBeCloseTo(35, 10);
  });

  it('pins levels beyond the range to its ends', () => {
    expect(dbToHeight(-80, meter, 200)).toBe(0);
    expect(dbToHeight(6, meter, 200)).toBe(200);
  });

  it('reads silence and NaN as the bottom', () => {
    expect(dbToFraction(-Infinity, meter)).toBe(0);
    expect(dbToFraction(Number.NaN, meter)).toBe(0);
    expect(dbToFraction(Infinity, meter)).toBe(1);
  });

  it('never leaves [0, 1] and never falls as the level rises', () => {
    fc.assert(
      // NaN has no place in an order; that it reads 0 is a case of its own.
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowFraction = dbToFraction(low, meter);
        const highFraction = dbToFraction(high, meter);
        return lowFraction >= 0 && highFraction <= 1 && lowFraction <= highFraction;
      }),
    );
  });
});

describe('checkDecibelRange', () => {
  it('takes a rising finite range and refuses any other', () => {
    expect(() => checkDecibelRange(meter, 'test')).not.toThrow();
    for (const bad of [
      { minDb: 0, maxDb: 0 },
      { minDb: 0, maxDb: -60 },
      { minDb: -Infinity, maxDb: 0 },
      { minDb: Number.NaN, maxDb: 0 },
    ]) {
      expect(() => checkDecibelRange(bad, 'test')).toThrow(RangeError);
    }
  });
});
