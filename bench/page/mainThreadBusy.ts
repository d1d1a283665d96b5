/**
 * The main thread's busy time as the harness measures it (see `exposeMainThreadMeter` in
 * bench/run.ts): what work costs the page, whatever timers and callbacks it is spread over.
 */

interface WithMeter {
  __mainThreadBusyMs?: () => Promise<number>;
}

/** The renderer main thread's busy time so far, in ms. */
export function mainThreadBusyMs(): Promise<number> {
  const meter = (globalThis as WithMeter).__mainThreadBusyMs;
  if (!meter) throw new Error('no main-thread meter: run the bench through `npm run bench`');
  return meter();
}

/** Main-thread busy ms per second of wall time while `windowMs` passes. */
export async function busyMsPerSecond(windowMs: number): Promise<number> {
  const busyBefore = await mainThreadBusyMs();
  const startedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const busy = (await mainThreadBusyMs()) - busyBefore;
  return (busy / (performance.now() - startedAt)) * 1_000;
}
