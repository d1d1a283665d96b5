/**
 * The page's JS heap as the harness measures it (see `exposeHeapMeter` in bench/run.ts), for
 * cases that watch memory over a long run.
 */

interface WithHeapMeter {
  __jsHeapUsedBytes?: () => Promise<number>;
  __collectGarbage?: () => Promise<void>;
}

function meter(): Required<WithHeapMeter> {
  const { __jsHeapUsedBytes, __collectGarbage } = globalThis as WithHeapMeter;
  if (!__jsHeapUsedBytes || !__collectGarbage) throw new Error('no heap meter: run the bench through `npm run bench`');
  return { __jsHeapUsedBytes, __collectGarbage };
}

/** Bytes of V8 heap in use now, garbage not yet collected included. */
export function jsHeapUsedBytes(): Promise<number> {
  return meter().__jsHeapUsedBytes();
}

/** A full garbage collection, so the next reading counts live objects only. */
export function collectGarbage(): Promise<void> {
  return meter().__collectGarbage();
}
