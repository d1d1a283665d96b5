/**
 * A hub's first render: from navigation start to the first frame painted once the join
 * screen's Join button exists, in a fresh browser context (no cache) for each load.
 *
 * The page learns it by itself, through an init script that runs before any of the hub's own
 * (FIRST_RENDER_PROBE): a MutationObserver waits for a `button` whose text is Join, then the
 * next animation frame (the one that paints it) notes `performance.now()`, which counts from
 * navigation start. Both hubs get the same script, so what it costs, it costs both.
 */
import { type Browser, errors } from 'playwright';
import type { HubPair } from './page/hubApi.ts';

/** The Join button's text: DESIGN.md names the control Join, before and after the redesign. */
export const JOIN_BUTTON_TEXT = /\bjoin\b/i;

/** Where the probe leaves its reading, on the page's global object. */
export const FIRST_RENDER_GLOBAL = '__hubFirstRenderMs';

/** How long one load may take before the round fails. */
const LOAD_LIMIT_MS = 30_000;

/**
 * Whether a button with text `text` is the Join button.
 *
 * @example
 * ```ts
 * isJoinButtonText('Join'); // true
 * isJoinButtonText('Rejoin'); // false
 * ```
 */
export const isJoinButtonText = (text: string): boolean => JOIN_BUTTON_TEXT.test(text);

/**
 * The init script: plain JavaScript (a string, so that no bundler helper ends up in it), with
 * JOIN_BUTTON_TEXT in it as a literal. `characterData` too: a button may get its text after it
 * is added.
 */
export const FIRST_RENDER_PROBE = `(() => {
  const joinText = ${JOIN_BUTTON_TEXT};
  const observer = new MutationObserver(() => {
    for (const button of document.querySelectorAll('button')) {
      if (!joinText.test(button.textContent || '')) continue;
      observer.disconnect();
      requestAnimationFrame(() => {
        globalThis.${FIRST_RENDER_GLOBAL} = performance.now();
      });
      return;
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * One first render of the page at `url`, in ms since navigation start, in a browser context of
 * its own (so nothing is cached), closed after.
 *
 * @example
 * ```ts
 * const ms = await firstRenderMs(browser, 'http://127.0.0.1:8080/');
 * ```
 */
export async function firstRenderMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: FIRST_RENDER_PROBE });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    try {
      // A function, not a string: the hub's CSP has no 'unsafe-eval'. Polled by interval, not on
      // every frame: the page being timed should do its own work only.
      const reading = await page.waitForFunction((name) => (globalThis as unknown as Record<string, unknown>)[name], FIRST_RENDER_GLOBAL, {
        timeout: LOAD_LIMIT_MS,
        polling: 100,
      });
      return (await reading.jsonValue()) as number;
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
      throw new Error(`no button with text matching ${JOIN_BUTTON_TEXT} was painted at ${url} within ${LOAD_LIMIT_MS} ms`, {
        cause: error,
      });
    }
  } finally {
    await context.close();
  }
}

/**
 * `rounds` first renders of each hub, interleaved (today, now, today, now…) so that a change in
 * the machine's load falls on both, after one warm-up load of each that is discarded.
 *
 * @example
 * ```ts
 * const { today, now } = await firstRenderRounds(browser, { today: 'http://127.0.0.1:8081/', now: 'http://127.0.0.1:8082/' }, 15);
 * ```
 */
export async function firstRenderRounds(browser: Browser, urls: HubPair<string>, rounds: number): Promise<HubPair<number[]>> {
  await firstRenderMs(browser, urls.today);
  await firstRenderMs(browser, urls.now);
  const today: number[] = [];
  const now: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    today.push(await firstRenderMs(browser, urls.today));
    now.push(await firstRenderMs(browser, urls.now));
  }
  return { today, now };
}
