import { asyncScheduler } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeartbeatPolicy } from './heartbeatPolicy.ts';
import { watchSilence } from './watchSilence.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const HEARTBEAT: HeartbeatPolicy = { heartbeatMs: 1_000, leaveAfterMs: 3_500, unresponsiveLeaveAfterMs: 20_000 };

/**
 * A member last heard now, whose connection says it heard nothing for `quietMs()`, and who
 * answers elsewhere as `reachable()` says (if given).
 */
function rig(quietMs: () => Promise<number | undefined>, heartbeat = HEARTBEAT, reachable?: () => Promise<boolean>) {
  let heardAt = Date.now();
  const transportQuietMs = vi.fn(quietMs);
  const askedElsewhere = reachable && vi.fn(reachable);
  const gone = vi.fn();
  const subscription = watchSilence({
    heartbeat,
    scheduler: asyncScheduler,
    lastHeardAt: () => heardAt,
    transportQuietMs,
    reachable: askedElsewhere,
    gone,
  });
  return {
    gone,
    transportQuietMs,
    askedElsewhere,
    subscription,
    hear: () => (heardAt = Date.now()),
    silentMs: () => Date.now() - heardAt,
  };
}

describe('watchSilence', () => {
  it('says nothing and asks nothing while the member talks', async () => {
    const watch = rig(() => Promise.resolve(0));
    for (let i = 0; i < 20; i += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      watch.hear();
    }
    expect(watch.gone).not.toHaveBeenCalled();
    expect(watch.transportQuietMs).not.toHaveBeenCalled();
    watch.subscription.unsubscribe();
  });

  it('drops a silent member whose connection is quiet too, just after leaveAfterMs', async () => {
    let closedAt = Date.now();
    const watch = rig(() => Promise.resolve(Date.now() - closedAt));
    closedAt = Date.now();
    await vi.advanceTimersByTimeAsync(HEARTBEAT.leaveAfterMs);
    expect(watch.gone).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(watch.gone).toHaveBeenCalledOnce();
    expect(watch.silentMs()).toBeLessThanOrEqual(HEARTBEAT.leaveAfterMs + 250);
  });

  it.each([
    ['cannot tell', () => Promise.resolve(undefined)],
    ['fails to tell', () => Promise.reject(new Error('closed'))],
  ])('drops a silent member when the connection %s', async (_, quietMs) => {
    const watch = rig(quietMs);
    await vi.advanceTimersByTimeAsync(HEARTBEAT.leaveAfterMs + 250);
    expect(watch.gone).toHaveBeenCalledOnce();
  });

  it('keeps a silent member whose connection still answers (a busy page), up to unresponsiveLeaveAfterMs', async () => {
    const watch = rig(() => Promise.resolve(300));
    await vi.advanceTimersByTimeAsync(HEARTBEAT.unresponsiveLeaveAfterMs!);
    expect(watch.gone).not.toHaveBeenCalled();
    // Asked about once a ping period, not on every check.
    const asked = watch.transportQuietMs.mock.calls.length;
    expect(asked).toBeGreaterThan(10);
    expect(asked).toBeLessThanOrEqual(17);
    await vi.advanceTimersByTimeAsync(250);
    expect(watch.gone).toHaveBeenCalledOnce();
  });

  describe('a member whose connection is quiet but who answers elsewhere (lost its path)', () => {
    const quiet = () => Promise.resolve(60_000);

    it('is held, asked about once a ping period, up to unresponsiveLeaveAfterMs', async () => {
      const watch = rig(quiet, HEARTBEAT, () => Promise.resolve(true));
      await vi.advanceTimersByTimeAsync(HEARTBEAT.unresponsiveLeaveAfterMs!);
      expect(watch.gone).not.toHaveBeenCalled();
      expect(watch.askedElsewhere!.mock.calls.length).toBeGreaterThan(10);
      expect(watch.askedElsewhere!.mock.calls.length).toBeLessThanOrEqual(17);
      await vi.advanceTimersByTimeAsync(250);
      expect(watch.gone).toHaveBeenCalledOnce();
    });

    it('is dropped as soon as it does not answer, within 5 s of its last word', async () => {
      let there = true;
      const watch = rig(quiet, HEARTBEAT, () => Promise.resolve(there));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(watch.gone).not.toHaveBeenCalled();
      watch.hear();
      there = false;
      await vi.advanceTimersByTimeAsync(HEARTBEAT.leaveAfterMs + 250);
      expect(watch.gone).toHaveBeenCalledOnce();
    });

    it('is dropped when asking fails, and never asked while the connection still hears it', async () => {
      const failing = rig(quiet, HEARTBEAT, () => Promise.reject(new Error('no session')));
      await vi.advanceTimersByTimeAsync(HEARTBEAT.leaveAfterMs + 250);
      expect(failing.gone).toHaveBeenCalledOnce();
      const busy = rig(
        () => Promise.resolve(300),
        HEARTBEAT,
        () => Promise.resolve(false),
      );
      await vi.advanceTimersByTimeAsync(10_000);
      expect(busy.askedElsewhere).not.toHaveBeenCalled();
      expect(busy.gone).not.toHaveBeenCalled();
    });
  });

  it('does not drop a member heard from while the connection was being asked', async () => {
    let answer: (quietMs: number) => void = () => undefined;
    const watch = rig(() => new Promise((resolve) => (answer = resolve)));
    await vi.advanceTimersByTimeAsync(HEARTBEAT.leaveAfterMs + 250);
    expect(watch.transportQuietMs).toHaveBeenCalledOnce();
    watch.hear();
    answer(10_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(watch.gone).not.toHaveBeenCalled();
  });

  it('says nothing after it is unsubscribed, even when an answer comes later', async () => {
    let answer: (quietMs: number) => void = () => undefined;
    const watch = rig(() => new Promise((resolve) => (answer = resolve)));
    await vi.advanceTimersByTimeAsync(HEARTBEAT.leaveAfterMs + 250);
    watch.subscription.unsubscribe();
    answer(10_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(watch.gone).not.toHaveBeenCalled();
  });

  it('never waits less than leaveAfterMs, whatever unresponsiveLeaveAfterMs says', async () => {
    const watch = rig(() => Promise.resolve(0), { heartbeatMs: 1_000, leaveAfterMs: 3_500, unresponsiveLeaveAfterMs: 100 });
    await vi.advanceTimersByTimeAsync(3_500);
    expect(watch.gone).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(watch.gone).toHaveBeenCalledOnce();
  });
});
