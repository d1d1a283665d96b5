/**
 * Virtual time for tests on the fake mesh that also wait on WebCrypto: `crypto.subtle` runs
 * on Node's thread pool, which fake timers cannot drive. `advance` moves the clock a step at a
 * time and, before each step, waits (in real time) for every WebCrypto call under way, so a
 * proof or key takes no virtual time and every run sees the same order of events.
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
  const pending = new Set<Promise<unknown>>();
  for (const name of TRACKED) {
    const original = subtle[name] as (...args: unknown[]) => Promise<unknown>;
    // An own property shadows the prototype's method; deleting it restores the original.
    Object.defineProperty(subtle, name, {
      configurable: true,
      value: (...args: unknown[]) => {
        const result = Reflect.apply(original, subtle, args) as Promise<unknown>;
        const settled = result.then(
          () => undefined,
          () => undefined,
        );
        pending.add(settled);
        void settled.then(() => pending.delete(settled));
        return result;
      },
    });
  }
  const cryptoDone = async () => {
    // What settles may start more (a key, then a proof with it): until nothing is under way.
    while (pending.size > 0) {
      await Promise.all(pending);
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
