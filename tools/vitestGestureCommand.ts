/**
 * A browser command that gives the test page a real user gesture: a trusted click made by the
 * browser's automation (Playwright in Chromium, WebDriver BiDi in Firefox), not an event the
 * page dispatches to itself. Firefox grants screen capture only with the transient activation
 * such a click leaves; a synthetic event never gives it.
 */
import type { BrowserCommand } from 'vitest/node';

/** What both providers' command contexts hold: the page that frames the test (see vitestFirefox.ts). */
interface WithPage {
  readonly page: { readonly mouse: { click(x: number, y: number): Promise<void> } };
}

// Activation reaches the test's iframe wherever the click lands: the clicked document's
// ancestors and same-origin descendants all get it (HTML's activation notification).
const userGesture: BrowserCommand<[]> = async (context) => {
  await (context as unknown as WithPage).page.mouse.click(1, 1);
};

export const gestureCommands = { userGesture };

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Clicks the page for real: the test document then has transient user activation. */
    userGesture(): Promise<void>;
  }
}
