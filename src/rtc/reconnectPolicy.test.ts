import { describe, expect, it } from 'vitest';
import { backoffPolicy, DEFAULT_BACKOFF } from './reconnectPolicy.ts';

describe('backoffPolicy', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = backoffPolicy({ initialDelayMs: 100, maxDelayMs: 1000, jitterRatio: 0, maxAttempts: 10 });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => policy.delayMs(attempt))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('gives up after maxAttempts', () => {
    const policy = backoffPolicy({ maxAttempts: 3, jitterRatio: 0 });
    expect(policy.delayMs(3)).not.toBeNull();
    expect(policy.delayMs(4)).toBeNull();
    expect(policy.delayMs(0)).toBeNull();
  });

  it('spreads delays by at most ± jitterRatio', () => {
    const low = backoffPolicy({ initialDelayMs: 1000, jitterRatio: 0.25, random: () => 0 });
    const high = backoffPolicy({ initialDelayMs: 1000, jitterRatio: 0.25, random: () => 0.999999 });
    expect(low.delayMs(1)).toBe(750);
    expect(high.delayMs(1)).toBe(1250);
  });

  it('by default retries for about two minutes, never more than 6.25 s apart', () => {
    const policy = backoffPolicy({ random: () => 1 - Number.EPSILON });
    const delays = Array.from({ length: DEFAULT_BACKOFF.maxAttempts }, (_, index) => policy.delayMs(index + 1)!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(6250);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(90_000);
    expect(total).toBeLessThan(200_000);
    expect(policy.delayMs(DEFAULT_BACKOFF.maxAttempts + 1)).toBeNull();
  });
});
