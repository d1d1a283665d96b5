import { afterEach, describe, expect, it, vi } from 'vitest';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';
import { AudioError } from './AudioError.ts';
import { AUDIO_START_TIMEOUT_MS, GESTURE_EVENTS, startAudioOnGesture } from './startAudioOnGesture.ts';

/** A `start` that resolves when the test says so, counting its calls. */
function deferredStart() {
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const start = vi.fn(
    () =>
      new Promise<void>((onResolve, onReject) => {
        resolve = onResolve;
        reject = onReject;
      }),
  );
  return { start, resolve: () => resolve(), reject: (error: unknown) => reject(error) };
}

describe('startAudioOnGesture', () => {
  it('starts nothing before a gesture, and listens for every activating event', () => {
    const target = new CountingEventTarget();
    const { start } = deferredStart();
    const subscription = startAudioOnGesture(target, { start, hasActivation: () => true }).subscribe();
    expect(target.listeners).toBe(GESTURE_EVENTS.length);
    target.dispatchEvent(new Event('mousemove'));
    expect(start).not.toHaveBeenCalled();
    subscription.unsubscribe();
    expect(target.listeners).toBe(0);
  });

  it.each(GESTURE_EVENTS)('starts on the first %s, removes its listeners, then emits and completes', async (type) => {
    const target = new CountingEventTarget();
    const { start, resolve } = deferredStart();
    const events: string[] = [];
    const done = new Promise<void>((settle) =>
      startAudioOnGesture(target, { start, hasActivation: () => true }).subscribe({
        next: () => events.push('started'),
        complete: () => {
          events.push('complete');
          settle();
        },
      }),
    );
    target.dispatchEvent(new Event(type));
    target.dispatchEvent(new Event(type));
    expect(start).toHaveBeenCalledTimes(1);
    expect(target.listeners).toBe(0);
    expect(events).toEqual([]);
    resolve();
    await done;
    expect(events).toEqual(['started', 'complete']);
  });

  it('passes over a gesture that grants no activation and waits for one that does', () => {
    const target = new CountingEventTarget();
    const { start } = deferredStart();
    let active = false;
    const subscription = startAudioOnGesture(target, { start, hasActivation: () => active }).subscribe();
    target.dispatchEvent(new Event('pointerdown'));
    expect(start).not.toHaveBeenCalled();
    expect(target.listeners).toBe(GESTURE_EVENTS.length);
    active = true;
    target.dispatchEvent(new Event('touchend'));
    expect(start).toHaveBeenCalledTimes(1);
    subscription.unsubscribe();
    expect(target.listeners).toBe(0);
  });

  it('errors when the context cannot start', async () => {
    const target = new CountingEventTarget();
    const { start, reject } = deferredStart();
    const failure = new Promise<unknown>((settle) =>
      startAudioOnGesture(target, { start, hasActivation: () => true }).subscribe({ error: settle }),
    );
    target.dispatchEvent(new Event('keydown'));
    const problem = new Error('no audio device');
    reject(problem);
    expect(await failure).toBe(problem);
    expect(target.listeners).toBe(0);
  });

  it('emits nothing when unsubscribed while starting', async () => {
    const target = new CountingEventTarget();
    const { start, resolve } = deferredStart();
    const next = vi.fn();
    const subscription = startAudioOnGesture(target, { start, hasActivation: () => true }).subscribe(next);
    target.dispatchEvent(new Event('keydown'));
    subscription.unsubscribe();
    resolve();
    await Promise.resolve();
    expect(next).not.toHaveBeenCalled();
    expect(target.listeners).toBe(0);
  });

  describe('when starting never settles (Firefox with no audio output device)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A `start` like Firefox's `resume()` there: it never settles. */
    const neverStarts = () => vi.fn(() => new Promise<void>(() => {}));

    it(`errors with AudioError 'audio-unavailable' after ${AUDIO_START_TIMEOUT_MS} ms by default, and not before`, () => {
      vi.useFakeTimers();
      const target = new CountingEventTarget();
      const start = neverStarts();
      const error = vi.fn();
      const next = vi.fn();
      startAudioOnGesture(target, { start, hasActivation: () => true }).subscribe({ next, error });
      // The clock runs only from the gesture: waiting for the person is not a failure.
      vi.advanceTimersByTime(AUDIO_START_TIMEOUT_MS * 10);
      expect(error).not.toHaveBeenCalled();
      target.dispatchEvent(new Event('pointerdown'));
      vi.advanceTimersByTime(AUDIO_START_TIMEOUT_MS - 1);
      expect(error).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(error).toHaveBeenCalledTimes(1);
      const failure: unknown = error.mock.calls[0]?.[0];
      expect(failure).toBeInstanceOf(AudioError);
      expect(failure).toMatchObject({ reason: 'audio-unavailable' });
      expect(next).not.toHaveBeenCalled();
      expect(start).toHaveBeenCalledTimes(1);
      expect(target.listeners).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('takes its timeout from timeoutMs', () => {
      vi.useFakeTimers();
      const target = new CountingEventTarget();
      const error = vi.fn();
      startAudioOnGesture(target, { start: neverStarts(), hasActivation: () => true, timeoutMs: 500 }).subscribe({ error });
      target.dispatchEvent(new Event('keydown'));
      vi.advanceTimersByTime(499);
      expect(error).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(error.mock.calls[0]?.[0]).toMatchObject({ reason: 'audio-unavailable' });
    });

    it('waits for ever with timeoutMs Infinity', () => {
      vi.useFakeTimers();
      const target = new CountingEventTarget();
      const error = vi.fn();
      const subscription = startAudioOnGesture(target, { start: neverStarts(), hasActivation: () => true, timeoutMs: Infinity }).subscribe({
        error,
      });
      target.dispatchEvent(new Event('keydown'));
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(60 * 60 * 1000);
      expect(error).not.toHaveBeenCalled();
      subscription.unsubscribe();
    });

    it('releases its timer when unsubscribed while starting', () => {
      vi.useFakeTimers();
      const target = new CountingEventTarget();
      const error = vi.fn();
      const subscription = startAudioOnGesture(target, { start: neverStarts(), hasActivation: () => true }).subscribe({ error });
      target.dispatchEvent(new Event('touchend'));
      expect(vi.getTimerCount()).toBe(1);
      subscription.unsubscribe();
      expect(vi.getTimerCount()).toBe(0);
      expect(target.listeners).toBe(0);
      vi.advanceTimersByTime(AUDIO_START_TIMEOUT_MS);
      expect(error).not.toHaveBeenCalled();
    });

    it('releases its timer when starting succeeds in time, and a late start after the timeout changes nothing', async () => {
      vi.useFakeTimers();
      const quick = deferredStart();
      const target = new CountingEventTarget();
      const complete = vi.fn();
      startAudioOnGesture(target, { start: quick.start, hasActivation: () => true }).subscribe({ complete });
      target.dispatchEvent(new Event('keydown'));
      quick.resolve();
      await vi.advanceTimersByTimeAsync(0);
      expect(complete).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);

      const late = deferredStart();
      const next = vi.fn();
      const error = vi.fn();
      startAudioOnGesture(target, { start: late.start, hasActivation: () => true }).subscribe({ next, error });
      target.dispatchEvent(new Event('keydown'));
      await vi.advanceTimersByTimeAsync(AUDIO_START_TIMEOUT_MS);
      late.resolve();
      await vi.advanceTimersByTimeAsync(0);
      expect(error).toHaveBeenCalledTimes(1);
      expect(next).not.toHaveBeenCalled();
    });

    it.each([0, -1, Number.NaN])('refuses timeoutMs %s at once', (timeoutMs) => {
      expect(() => startAudioOnGesture(new CountingEventTarget(), { timeoutMs })).toThrow(RangeError);
    });
  });
});
