/**
 * Virtual time for tests on the fake mesh that also wait on WebCrypto: `crypto.subtle` runs
 * on Node's thread pool, which fake timers cannot drive. `advance` moves the clock a step at a
 * time and, before each step, waits (in real time) for every WebCrypto call under way and
 * hands out their results in the order the calls were made, so a proof or key takes one step
 * at most and every run sees the same order of events, however loaded the machine.
 * Call {@link virtualTime} after `vi.useFakeTimers()`, and `dispose()` it after the test.
 */
import { vi } from 'vitest';

type SubtleMethod = 'digest' | 'importKey' | 'exportKey' | 'deriveKey' | 'deriveBits' | 'sign' | 'verify' | 'encrypt' | 'decrypt';
const TRACKED: readonly SubtleMethod[] = [
  'digest',
  'importKey',
  'exportKey',
  'deriveKey',
  'deriveBits',
  'sign',
  'verify',
  'encrypt',
  'decrypt',
];

export interface VirtualTime {
  /** Moves the fake clock `ms` forward in `stepMs` steps, letting WebCrypto finish before each. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** Puts `crypto.subtle` back as it was. */
  dispose(): void;
}

export function virtualTime(): VirtualTime {
  const subtle = crypto.subtle;
  // Each call's result, in the order the calls were made, held until the next step begins.
  // Fake timers yield to the real event loop between timers, where a result could land early
  // or late depending on the machine's load: held, every run sees the same order of events.
  const held: Array<{ readonly done: Promise<unknown>; readonly deliver: () => void }> = [];
  for (const name of TRACKED) {
    const original = subtle[name] as (...args: unknown[]) => Promise<unknown>;
    // An own property shadows the prototype's method; deleting it restores the original.
    Object.defineProperty(subtle, name, {
      configurable: true,
      value: (...args: unknown[]) =>
        new Promise<unknown>((resolve, reject) => {
          const result = Reflect.apply(original, subtle, args) as Promise<unknown>;
          let deliver: () => void = () => undefined;
          const done = result.then(
            (value) => {
              deliver = () => resolve(value);
            },
            (error: unknown) => {
              deliver = () => reject(error);
            },
          );
          held.push({ done, deliver: () => deliver() });
        }),
    });
  }
  const cryptoDone = async () => {
    // What is delivered may start more (a key, then a proof with it): until nothing is held.
    while (held.length > 0) {
      const batch = held.splice(0);
      await Promise.all(batch.map(({ done }) => done));
      for (const { deliver } of batch) deliver();
      await vi.advanceTimersByTimeAsync(0);
    }
  };
  return {
    async advance(ms, stepMs = 1) {
      for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
        await cryptoDone();
        await vi.advanceTimersByTimeAsync(Math.min(stepMs, ms - elapsed));
      }
      await cryptoDone();
    },
    dispose() {
      for (const name of TRACKED) Reflect.deleteProperty(subtle, name);
    },
  };
}
