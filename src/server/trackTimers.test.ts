import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackTimers } from './trackTimers.ts';

describe('trackTimers', () => {
  afterEach(() => vi.useRealTimers());

  it('follows a self-re-arming loop and stops it for good', () => {
    vi.useFakeTimers();
    let ticks = 0;
    const loop = () => {
      setTimeout(() => {
        ticks += 1;
        loop();
      }, 100);
    };
    const timers = trackTimers(loop);
    vi.advanceTimersByTime(350);
    expect(ticks).toBe(3);
    expect(timers.pending).toBe(1);

    timers.clearAll();
    vi.advanceTimersByTime(1000);
    expect(ticks).toBe(3);
    expect(timers.pending).toBe(0);
  });

  it('leaves timers armed outside it alone and restores setTimeout', () => {
    vi.useFakeTimers();
    const before = globalThis.setTimeout;
    const timers = trackTimers(() => undefined);
    expect(globalThis.setTimeout).toBe(before);
    let fired = false;
    setTimeout(() => (fired = true), 10);
    timers.clearAll();
    vi.advanceTimersByTime(20);
    expect(fired).toBe(true);
  });
});
