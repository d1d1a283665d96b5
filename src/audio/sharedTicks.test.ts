import { asyncScheduler, Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedTicks } from './sharedTicks.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sharedTicks', () => {
  it('runs one timer for every subscriber at a rate, and none once all have left', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const subscriptions = new Subscription();
    const ticks: number[] = [];
    for (let i = 0; i < 8; i += 1) subscriptions.add(sharedTicks(50, asyncScheduler).subscribe(() => ticks.push(i)));
    vi.advanceTimersByTime(100);
    expect(setInterval).toHaveBeenCalledTimes(1);
    expect(ticks).toHaveLength(16);

    subscriptions.unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps different rates on different timers', () => {
    const fast: number[] = [];
    const slow: number[] = [];
    const subscriptions = new Subscription();
    subscriptions.add(sharedTicks(10, asyncScheduler).subscribe((tick) => fast.push(tick)));
    subscriptions.add(sharedTicks(40, asyncScheduler).subscribe((tick) => slow.push(tick)));
    vi.advanceTimersByTime(80);
    expect(fast).toHaveLength(8);
    expect(slow).toEqual([0, 1]);
    subscriptions.unsubscribe();
  });

  it('starts a fresh clock for a subscriber that comes after everyone left', () => {
    const first = sharedTicks(20, asyncScheduler).subscribe();
    vi.advanceTimersByTime(100);
    first.unsubscribe();
    const seen: number[] = [];
    const second = sharedTicks(20, asyncScheduler).subscribe((tick) => seen.push(tick));
    vi.advanceTimersByTime(40);
    expect(seen).toEqual([0, 1]);
    second.unsubscribe();
  });
});
