/**
 * The harness side of bench/page/mainThreadBusy.ts: a page's renderer main-thread busy time,
 * read through DevTools, for the bench page and for member pages alike.
 */
import type { CDPSession, Page } from 'playwright';

/**
 * Gives `page` `__mainThreadBusyMs()`: the renderer main thread's busy time so far (the
 * DevTools `TaskDuration` metric), for cases that measure what work costs the main thread
 * rather than how long it takes. The DevTools session opens on the first call, so member pages
 * of suites that never ask pay nothing; readings are only ever subtracted from each other.
 *
 * @example
 * ```ts
 * await exposeMainThreadMeter(page);
 * await page.evaluate(() => (globalThis as unknown as { __mainThreadBusyMs(): Promise<number> }).__mainThreadBusyMs());
 * ```
 */
export async function exposeMainThreadMeter(page: Page): Promise<void> {
  let devtools: Promise<CDPSession> | undefined;
  const open = async () => {
    const session = await page.context().newCDPSession(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    return session;
  };
  await page.exposeFunction('__mainThreadBusyMs', async () => {
    devtools ??= open();
    const { metrics } = await (await devtools).send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1_000;
  });
}
