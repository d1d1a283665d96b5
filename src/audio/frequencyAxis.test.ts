import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binToX, checkFrequencyAxis, frequencyToFraction, type FrequencyAxis } from './frequencyAxis.ts';

const logAxis: FrequencyAxis = { minHz: 20, maxHz: 20_000, scale: 'log' };
const linearAxis: FrequencyAxis = { minHz: 0, maxHz: 22_050, scale: 'linear' };

describe('frequencyToFraction', () => {
  it('gives every decade the same width on a log axis', () => {
    expect(frequencyToFraction(20, logAxis)).toBe(0);
    expect(frequencyToFraction(200, logAxis)).toBeCloseTo(1 / 3, 12);
    expect(frequencyToFraction(2_000, logAxis)).toBeCloseTo(2 / 3, 12);
    expect(frequencyToFraction(20_000, logAxis)).toBeCloseTo(1, 12);
    expect(frequencyToFraction(Math.sqrt(20 * 20_000), logAxis)).toBeCloseTo(0.5, 12);
  });

  it('gives every hertz the same width on a linear axis', () => {
    expect(frequencyToFraction(0, linearAxis)).toBe(0);
    expect(frequencyToFraction(11_025, linearAxis)).toBe(0.5);
    expect(frequencyToFraction(100, { minHz: 100, maxHz: 300, scale: 'linear' })).toBe(0);
    expect(frequencyToFraction(250, { minHz: 100, maxHz: 300, scale: 'linear' })).toBe(0.75);
  });

  it('puts 0 Hz infinitely far left on a log axis, and does not clamp', () => {
    expect(frequencyToFraction(0, logAxis)).toBe(-Infinity);
    expect(frequencyToFraction(2, logAxis)).toBeCloseTo(-1 / 3, 12);
    expect(frequencyToFraction(200_000, logAxis)).toBeCloseTo(4 / 3, 12);
  });

  it('rises with the frequency on either scale', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 30_000, noNaN: true }), fc.double({ min: 1, max: 30_000, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return (
          frequencyToFraction(low, logAxis) <= frequencyToFraction(high, logAxis) &&
          frequencyToFraction(low, linearAxis) <= frequencyToFraction(high, linearAxis)
        );
      }),
    );
  });
});

describe('binToX', () => {
  it('places a bin by its centre frequency, bin * binHz', () => {
    const binHz = 48_000 / 2_048;
    // 440 Hz sits at log(440 / 20) / log(1000) of the way across.
    const bin = 440 / binHz;
    expect(binToX(bin, binHz, logAxis, 1_000)).toBeCloseTo((1_000 * Math.log10(440 / 20)) / 3, 9);
    expect(binToX(512, binHz, { minHz: 0, maxHz: 24_000, scale: 'linear' }, 1_024)).toBeCloseTo(512, 9);
    expect(binToX(0, binHz, logAxis, 1_000)).toBe(-Infinity);
  });
});

describe('checkFrequencyAxis', () => {
  it('needs a rising axis that starts above 0 Hz when it is a log one', () => {
    expect(() => checkFrequencyAxis(logAxis, 'test')).not.toThrow();
    expect(() => checkFrequencyAxis(linearAxis, 'test')).not.toThrow();
    const bad: FrequencyAxis[] = [
      { minHz: 0, maxHz: 20_000, scale: 'log' },
      { minHz: -5, maxHz: 20_000, scale: 'linear' },
      { minHz: 500, maxHz: 500, scale: 'linear' },
      { minHz: 20, maxHz: Infinity, scale: 'log' },
      { minHz: Number.NaN, maxHz: 1_000, scale: 'linear' },
    ];
    for (const axis of bad) expect(() => checkFrequencyAxis(axis, 'test')).toThrow(RangeError);
  });
});
