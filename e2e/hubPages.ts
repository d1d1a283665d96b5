/**
 * Pages of the hub for one spec, each in a browser context of its own (one person each),
 * closed together after each test.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';

export interface HubPages {
  /** Opens `path` in a new context (`setUp` first: permissions, init scripts). */
  open(browser: Browser, path: string, setUp?: (context: BrowserContext) => Promise<unknown>): Promise<Page>;
  /** Closes every context opened so far. */
  closeAll(): Promise<void>;
}

/**
 * A spec's hub pages.
 *
 * @example
 * ```ts
 * const pages = hubPages();
 * test.afterEach(() => pages.closeAll());
 * const ada = await pages.open(browser, '/?room=jam&name=Ada');
 * ```
 */
export function hubPages(): HubPages {
  const contexts: BrowserContext[] = [];
  return {
    async open(browser, path, setUp) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
      contexts.push(context);
      await setUp?.(context);
      const page = await context.newPage();
      await page.goto(path);
      return page;
    },
    async closeAll() {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    },
  };
}
