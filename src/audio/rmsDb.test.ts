import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rmsDb } from './rmsDb.ts';

const sine = (amplitude: number, length = 4_800, cycles = 10) =>
  Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * cycles * i) / length));

describe('rmsDb', () => {
  it('reads a full-scale square wave as 0 dBFS', () => {
    expect(rmsDb(Float32Array.from({ length: 64 }, (_, i) => (i % 2 ? 1 : -1)))).toBeCloseTo(0, 6);
  });

  it('reads a sine of amplitude 0.5 (the synthetic tone) as about -9 dBFS', () => {
    expect(rmsDb(sine(0.5))).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 3);
  });

  it('reads digital silence, and no samples, as -Infinity', () => {
    expect(rmsDb(new Float32Array(128))).toBe(Number.NEGATIVE_INFINITY);
    expect(rmsDb(new Float32Array(0))).toBe(Number.NEGATIVE_INFINITY);
  });

  it('falls 6.02 dB each time the amplitude halves', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1, noNaN: true }), (amplitude) => {
        expect(rmsDb(sine(amplitude / 2)) - rmsDb(sine(amplitude))).toBeCloseTo(-20 * Math.log10(2), 3);
      }),
    );
  });
});
