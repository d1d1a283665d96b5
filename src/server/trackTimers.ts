/**
 * Runs `start` and records every `setTimeout` it arms — including the ones its timer callbacks
 * re-arm later — so that they can all be cleared at once.
 *
 * Why: peer@1's PeerServer keeps two self-re-arming `setTimeout` loops (expired messages,
 * broken connections) and has no stop method. In a Vite or Vitest process those loops hold the
 * event loop open for seconds after the server closes. Recording them is the least invasive
 * way to stop them without patching the package.
 */
export interface TrackedTimers {
  /** Clears every recorded timer; later re-arms from already running callbacks are refused. */
  clearAll(): void;
  /** How many timers are pending now (for tests). */
  readonly pending: number;
}

export function trackTimers(start: () => void): TrackedTimers {
  const live = new Set<ReturnType<typeof setTimeout>>();
  let cleared = false;
  const original = globalThis.setTimeout;

  const runTracked = (fn: () => void) => {
    const recording = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      if (cleared) return original(() => undefined, 0);
      const timer = original(() => {
        live.delete(timer);
        runTracked(() => callback(...args));
      }, ms);
      live.add(timer);
      return timer;
    }) as typeof setTimeout;
    globalThis.setTimeout = recording;
    try {
      fn();
    } finally {
      globalThis.setTimeout = original;
    }
  };

  runTracked(start);
  return {
    clearAll() {
      cleared = true;
      for (const timer of live) clearTimeout(timer);
      live.clear();
    },
    get pending() {
      return live.size;
    },
  };
}
