/**
 * Firefox people for the e2e specs. Playwright's Firefox is a patched download, so these
 * pages are the stock `firefox-esr` driven by Puppeteer over WebDriver BiDi
 * (tools/firefox.ts), one browser for a spec file and one browser context per person, as
 * each person has a browser of their own.
 */
import type { Browser, BrowserContext, EvaluateFunc, Page } from 'puppeteer-core';
import { launchFirefox } from '../tools/firefox.ts';
import { installMediaProbe } from './mediaProbe.ts';
import { GESTURE_TARGET, REPORTED_CONSOLE, type MemberPage } from './memberPage.ts';

/** Puppeteer's locators wait for this long; as long as Playwright's expect polls by default. */
const ACTION_TIMEOUT_MS = 15_000;

/**
 * Opens Firefox people on demand; {@link FirefoxPeople.close} closes the browser (call it
 * in `afterAll`, whatever happened).
 *
 * @example
 * ```ts
 * const firefox = new FirefoxPeople();
 * test.afterAll(() => firefox.close());
 * const fox = await firefox.open('Fox', `${HUB_URL}/?room=jam&name=Fox&media=synthetic`);
 * ```
 */
export class FirefoxPeople {
  #browser: Promise<Browser> | undefined;

  /** Opens `url` in a browser context of its own, with the media probe installed first. */
  async open(name: string, url: string): Promise<MemberPage> {
    this.#browser ??= launchFirefox();
    const context = await (await this.#browser).createBrowserContext();
    try {
      // A window each: a person in a second tab of one window would be a background tab, which
      // Firefox throttles (no painted frames, budgeted timers).
      const page = await context.newPage({ type: 'window' });
      page.setDefaultTimeout(ACTION_TIMEOUT_MS);
      const console: string[] = [];
      page.on('console', (message) => {
        if (REPORTED_CONSOLE.has(message.type())) console.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => console.push(`uncaught: ${String(error)}`));
      await page.evaluateOnNewDocument(installMediaProbe);
      await page.goto(url);
      return firefoxMember(`${name} (firefox)`, page, context, console);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /** Closes Firefox and everything open in it (nothing to close if it never launched). */
  async close(): Promise<void> {
    const launching = this.#browser;
    this.#browser = undefined;
    // A failed launch has failed its test already; saying so again here would only add noise.
    const browser = await launching?.catch(() => undefined);
    await browser?.close();
  }
}

function firefoxMember(label: string, page: Page, context: BrowserContext, console: string[]): MemberPage {
  return {
    label,
    console,
    // Arguments and results are plain data here, which Puppeteer's handle-aware types cannot know.
    evaluate: async <Arg, Result>(fn: (arg: Arg) => Result | Promise<Result>, arg: Arg) =>
      (await page.evaluate(fn as EvaluateFunc<[Arg]>, arg)) as Result,
    // No ARIA queries over BiDi: the button by its visible text, the box by its label.
    clickButton: (name) => page.locator(`::-p-xpath(//button[normalize-space()=${JSON.stringify(name)}])`).click(),
    fill: (boxLabel, text) => page.locator(`input[aria-label=${JSON.stringify(boxLabel)}]`).fill(text),
    gesture: () => page.locator(GESTURE_TARGET).click(),
    close: async () => {
      await page.close();
      await context.close();
    },
  };
}
