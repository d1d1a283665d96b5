import { describe, expect, it } from 'vitest';
import { byteBudget } from './byteBudget.ts';

describe('byteBudget', () => {
  it('gives a burst at once, then the rate, never more than the burst', () => {
    let now = 0;
    const budget = byteBudget({ burstBytes: 1000, bytesPerSecond: 100 }, () => now);
    expect(budget.take(600)).toBe(true);
    expect(budget.take(400)).toBe(true);
    expect(budget.take(1)).toBe(false);

    now = 500; // 50 bytes back
    expect(budget.take(60)).toBe(false); // refused, and nothing spent
    expect(budget.take(50)).toBe(true);

    now = 60_000; // a long quiet while refills the burst, not more
    expect(budget.take(1000)).toBe(true);
    expect(budget.take(1)).toBe(false);
  });

  it('refuses a single message bigger than the burst', () => {
    const budget = byteBudget({ burstBytes: 1000, bytesPerSecond: 100 }, () => 0);
    expect(budget.take(1001)).toBe(false);
    expect(budget.take(1000)).toBe(true);
  });
});
