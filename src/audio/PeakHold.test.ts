import { describe, expect, it } from 'vitest';
import { DEFAULT_PEAK_HOLD, PeakHold } from './PeakHold.ts';

describe('PeakHold', () => {
  it('starts at silence and follows a rising level at once', () => {
    const peak = new PeakHold();
    expect(peak.valueAt(0)).toBe(-Infinity);
    expect(peak.update(-40, 0)).toBe(-40);
    expect(peak.update(-20, 10)).toBe(-20);
  });

  it('holds a peak for holdMs, then falls at decayDbPerSecond', () => {
    const peak = new PeakHold({ holdMs: 500, decayDbPerSecond: 30 });
    peak.update(-6, 1_000);
    expect(peak.update(-30, 1_200)).toBe(-6);
    expect(peak.valueAt(1_500)).toBe(-6);
    expect(peak.valueAt(1_600)).toBeCloseTo(-9, 10);
    expect(peak.valueAt(2_500)).toBeCloseTo(-36, 10);
  });

  it('meets a falling level where the two cross, then follows it', () => {
    const peak = new PeakHold({ holdMs: 0, decayDbPerSecond: 10 });
    peak.update(0, 0);
    // After 2 s the marker would be at -20; a level of -15 is above it and takes over.
    expect(peak.update(-15, 2_000)).toBe(-15);
    expect(peak.valueAt(2_000)).toBe(-15);
  });

  it('restarts the hold at every new peak', () => {
    const peak = new PeakHold(DEFAULT_PEAK_HOLD);
    peak.update(-10, 0);
    peak.update(-10, 900);
    expect(peak.valueAt(1_800)).toBe(-10);
    expect(peak.valueAt(2_900)).toBeCloseTo(-10 - DEFAULT_PEAK_HOLD.decayDbPerSecond, 10);
  });

  it('ignores NaN, stays silent on silence, and forgets on reset', () => {
    const peak = new PeakHold();
    expect(peak.update(Number.NaN, 0)).toBe(-Infinity);
    expect(peak.update(-Infinity, 5_000)).toBe(-Infinity);
    peak.update(-3, 6_000);
    peak.reset();
    expect(peak.valueAt(6_000)).toBe(-Infinity);
  });

  it('refuses a negative or non-finite policy', () => {
    expect(() => new PeakHold({ holdMs: -1, decayDbPerSecond: 20 })).toThrow(RangeError);
    expect(() => new PeakHold({ holdMs: 1_000, decayDbPerSecond: Number.NaN })).toThrow(RangeError);
    expect(() => new PeakHold({ holdMs: Infinity, decayDbPerSecond: 20 })).toThrow(RangeError);
  });
});
