import { describe, expect, it, vi } from 'vitest';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';
import { GESTURE_EVENTS, startAudioOnGesture } from './startAudioOnGesture.ts';

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
});
