/**
 * One person's page in the mixed-browser spec, whichever browser drives it: Chromium pages
 * come from Playwright, Firefox pages from Puppeteer (./firefoxPerson.ts). The spec speaks to
 * both through this one face, so every check runs the same way on either side.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { installMediaProbe } from './mediaProbe.ts';

export interface MemberPage {
  /** Who this is, for messages: `Ada (chromium)`. */
  readonly label: string;
  /** Runs `fn(arg)` in the page; `fn` must not close over anything (it is serialised). */
  evaluate<Arg, Result>(fn: (arg: Arg) => Result | Promise<Result>, arg: Arg): Promise<Result>;
  /** Clicks the button whose visible label is `name`, as a person would (a real gesture). */
  clickButton(name: string): Promise<void>;
  /** Types `text` into the text box labelled `label`. */
  fill(label: string, text: string): Promise<void>;
  /** A click on nothing in particular (the room's heading): the gesture that lets sound start. */
  gesture(): Promise<void>;
  /** The page's console errors, warnings and uncaught errors so far, for failure reports. */
  readonly console: readonly string[];
  /** Closes the page as a closed tab does, and its browser context. */
  close(): Promise<void>;
}

/** Where in the room page a gesture clicks: a heading, which does nothing when clicked. */
export const GESTURE_TARGET = 'section.room .room-header h2';

/** Console message types worth keeping for a failure report. */
export const REPORTED_CONSOLE = new Set(['error', 'warning', 'warn']);

/**
 * Opens `url` in a browser context of its own in Playwright's Chromium, with the media probe
 * installed before the page's scripts.
 *
 * @example
 * ```ts
 * const ada = await openChromiumMember(browser, 'Ada', `${HUB_URL}/?room=jam&name=Ada&media=synthetic`);
 * ```
 */
export async function openChromiumMember(
  browser: { newContext(): Promise<BrowserContext> },
  name: string,
  url: string,
): Promise<MemberPage> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => {
      if (REPORTED_CONSOLE.has(message.type())) console.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => console.push(`uncaught: ${String(error)}`));
    await page.addInitScript(installMediaProbe);
    await page.goto(url);
    return chromiumMember(`${name} (chromium)`, page, context, console);
  } catch (error) {
    await context.close();
    throw error;
  }
}

function chromiumMember(label: string, page: Page, context: BrowserContext, console: string[]): MemberPage {
  return {
    label,
    console,
    // Arguments and results are plain data here, which Playwright's handle-aware types cannot know.
    evaluate: <Arg, Result>(fn: (arg: Arg) => Result | Promise<Result>, arg: Arg) =>
      page.evaluate<Result, unknown>(fn as (arg: unknown) => Result | Promise<Result>, arg),
    clickButton: (name) => page.getByRole('button', { name, exact: true }).click(),
    fill: (boxLabel, text) => page.getByRole('textbox', { name: boxLabel, exact: true }).fill(text),
    gesture: () => page.locator(GESTURE_TARGET).click(),
    close: async () => {
      await page.close();
      await context.close();
    },
  };
}
