import { describe, expect, it } from 'vitest';
import { clockText, lengthText, madeAtText, sizeText } from './recordingTime.ts';

describe('recording figures', () => {
  it('shows minutes and seconds, and hours when there are some', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(65_400)).toBe('1:05');
    expect(clockText(3_725_000)).toBe('1:02:05');
    expect(clockText(-5)).toBe('0:00');
  });

  it('shows tenths when asked', () => {
    expect(clockText(64_321, { tenths: true })).toBe('1:04.3');
    expect(clockText(0, { tenths: true })).toBe('0:00.0');
    expect(clockText(3_725_400, { tenths: true })).toBe('1:02:05.4');
  });

  it('shows sizes in kB and MB', () => {
    expect(sizeText(0)).toBe('0 kB');
    expect(sizeText(999_499)).toBe('999 kB');
    expect(sizeText(1_234_567)).toBe('1.2 MB');
    expect(sizeText(999_600)).toBe('1.0 MB');
    expect(sizeText(2_500_000_000)).toBe('2.5 GB');
    expect(sizeText(Number.NaN)).toBe('0 kB');
    expect(sizeText(-1)).toBe('0 kB');
  });

  it("shows a file's length, and says when it is unknown or nonsense", () => {
    expect(lengthText(42.7)).toBe('0:42');
    expect(lengthText(3_725)).toBe('1:02:05');
    expect(lengthText(null)).toBe('length unknown');
    expect(lengthText(Number.POSITIVE_INFINITY)).toBe('length unknown');
    expect(lengthText(-3)).toBe('length unknown');
  });

  it('shows when a recording was made, and nothing for a time no date can have', () => {
    const made = madeAtText(Date.UTC(2026, 11, 3, 22, 40));
    expect(made?.iso).toBe('2026-12-03T22:40:00.000Z');
    expect(made?.text).toMatch(/2026/);
    expect(madeAtText(1e300)).toBeNull();
    expect(madeAtText(Number.NaN)).toBeNull();
  });
});
