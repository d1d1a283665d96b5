/**
 * The hub page as a person sees it, read as plain data inside the page, so the spec asks
 * Chromium (Playwright) and Firefox (Puppeteer) the same question the same way.
 *
 * `readHubView` is serialised into the page, so it must not close over anything; the few DOM
 * shapes it touches are declared inside it (this file is Node code to the type checker).
 */

/** One roster item: the member's name as shown, its connection state, and its speaking light. */
export interface RosterRow {
  readonly name: string;
  readonly state: string;
  readonly speaking: boolean;
}

export interface HubView {
  /** The room page shows (not the join screen). */
  readonly inRoom: boolean;
  readonly roster: readonly RosterRow[];
  /** Each chat line's text, as `Name: message`. */
  readonly chat: readonly string[];
}

/** Reads the page; runs in the page (`page.evaluate(readHubView)`). */
export function readHubView(): HubView {
  interface Element {
    readonly textContent: string | null;
    readonly classList: { contains(name: string): boolean };
    querySelector(selector: string): Element | null;
  }
  const document = (globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<Element> } }).document;
  const all = (selector: string) => [...document.querySelectorAll(selector)];
  const text = (element: Element | null) => element?.textContent?.trim() ?? '';
  return {
    inRoom: all('section.room').length > 0,
    roster: all('ul[aria-label="People in the room"] > li').map((item) => ({
      name: text(item.querySelector('.member-name')),
      state: text(item.querySelector('.member-state')),
      speaking: item.classList.contains('is-speaking'),
    })),
    chat: all('ol[aria-label="Chat"] > li').map((line) => text(line)),
  };
}
