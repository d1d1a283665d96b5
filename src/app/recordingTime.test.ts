import { describe, expect, it } from 'vitest';
import { clockText, sizeText } from './recordingTime.ts';

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
  });
});
