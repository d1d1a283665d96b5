/**
 * The hub's look as people meet it, served by `npm start`: no serious or critical
 * accessibility violations (axe-core) on the join screen and the room page, light and dark; a
 * phone keeps Mute and Leave in reach without scrolling past the stage; the keyboard shortcuts
 * and their help dialog work. Takes the README's phone and dark screenshots.
 */
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';

test.use({ baseURL: HUB_URL });

const SCREENSHOTS = 'docs/screenshots';
const DESKTOP = { width: 1280, height: 760 } as const;
const PHONE = { width: 390, height: 844 } as const;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** Opens `path` as one person in a context of their own (a desktop window unless `options` say otherwise). */
async function open(browser: Browser, path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

/*
 * The browser shapes the page-side functions below touch: this file is Node code to the type
 * checker (no DOM library), and those functions are serialised into the page, so they reach the
 * page's globals through `globalThis` with these declared.
 */
type PageElement = { readonly textContent: string | null };
type PageWindow = {
  readonly document: { readonly documentElement: PageElement; readonly activeElement: PageElement | null };
  getComputedStyle(element: PageElement): {
    readonly backgroundColor: string;
    readonly outlineStyle: string;
    readonly outlineWidth: string;
  };
  readonly scrollY: number;
  scrollTo(x: number, y: number): void;
};

const link = (room: string, name: string) => `/?${new URLSearchParams({ room, name, media: 'synthetic' })}`;
const newRoom = () => `look-${randomUUID().slice(0, 8)}`;
const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });

/** Waits until `page` lists `count` members, every one connected. */
async function allConnected(page: Page, count: number): Promise<void> {
  await expect(roster(page).locator('.member-state').filter({ hasText: 'connected' })).toHaveCount(count, { timeout: 30_000 });
}

/** axe-core's serious and critical violations on `page`, one line each (rule, impact, where). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

test('the join screen has no serious or critical accessibility violations, light or dark', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await open(browser, `/?room=${newRoom()}`, { colorScheme });
    await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'peerstage' })).toBeVisible();
    expect(await seriousViolations(page), `${colorScheme} join screen`).toEqual([]);
  }
});

test('a room page with two members has no serious or critical accessibility violations, light or dark', async ({ browser }) => {
  test.setTimeout(120_000);
  const room = newRoom();
  const ada = await open(browser, link(room, 'Ada'));
  const bo = await open(browser, link(room, 'Bo'), { colorScheme: 'dark' });
  for (const page of [ada, bo]) await allConnected(page, 2);

  expect(await seriousViolations(ada), 'light room page').toEqual([]);
  expect(await seriousViolations(bo), 'dark room page').toEqual([]);
  // Dark really is dark: the page's background is the dark token's, not the light one.
  expect(
    await bo.evaluate(() => {
      const window = globalThis as unknown as PageWindow;
      return window.getComputedStyle(window.document.documentElement).backgroundColor;
    }),
  ).toBe('rgb(15, 18, 22)');
  await bo.waitForTimeout(1_500); // a few frames of both cubes before the picture is taken
  await bo.screenshot({ path: `${SCREENSHOTS}/dark.png` });
});

test('on a 390 x 844 phone the stage comes first and Mute and Leave are in reach without scrolling', async ({ browser }) => {
  test.setTimeout(120_000);
  const room = newRoom();
  const ada = await open(browser, link(room, 'Ada'));
  const phone = await open(browser, link(room, 'Phone'), { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  for (const page of [ada, phone]) await allConnected(page, 2);

  expect(await phone.evaluate(() => (globalThis as unknown as PageWindow).scrollY)).toBe(0);
  const stage = await phone.getByRole('figure', { name: 'Stage' }).locator('.stage-canvas').boundingBox();
  const controls = await Promise.all(
    ['Mute', 'Camera off', 'Help', 'Leave'].map(async (name) => ({
      name,
      box: await phone.getByRole('button', { name, exact: true }).boundingBox(),
    })),
  );
  expect(stage).not.toBeNull();
  for (const { name, box } of controls) {
    expect(box, name).not.toBeNull();
    expect(box!.y, `${name} top`).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, `${name} bottom`).toBeLessThanOrEqual(PHONE.height);
    // The whole stage shows above the bar, not under it.
    expect(stage!.y, 'stage top').toBeGreaterThanOrEqual(0);
    expect(stage!.y + stage!.height, `stage bottom above ${name}`).toBeLessThanOrEqual(box!.y);
    // Labels stay visible text under their icons (not an icon alone).
    await expect(phone.getByRole('button', { name, exact: true })).toHaveText(name);
  }
  // And they stay there when the page scrolls to the people and the chat below.
  await phone.getByRole('textbox', { name: 'Message' }).scrollIntoViewIfNeeded();
  const leave = await phone.getByRole('button', { name: 'Leave' }).boundingBox();
  expect(leave!.y + leave!.height).toBeLessThanOrEqual(PHONE.height);
  await phone.evaluate(() => (globalThis as unknown as PageWindow).scrollTo(0, 0));

  expect(await seriousViolations(phone), 'phone room page').toEqual([]);
  await phone.waitForTimeout(1_500);
  await phone.screenshot({ path: `${SCREENSHOTS}/phone.png` });
});

test('keyboard: M mutes, ? opens the shortcuts and Esc closes them, C goes to the chat, Shift+L leaves', async ({ browser }) => {
  const page = await open(browser, link(newRoom(), 'Kay'));
  await allConnected(page, 1);
  const mute = page.getByRole('button', { name: 'Mute', exact: true });
  await expect(mute).toHaveAttribute('aria-keyshortcuts', 'M');
  await expect(mute).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('m');
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('m');
  await expect(mute).toHaveAttribute('aria-pressed', 'false');

  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(help).toContainText('Leave the room');
  await page.keyboard.press('m'); // the page behind a modal dialog is out of reach
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // From the Help button, focus comes back to it.
  const helpButton = page.getByRole('button', { name: 'Help' });
  await helpButton.click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await expect(helpButton).toBeFocused();

  // Focus shows: the focused control draws the focus ring.
  await helpButton.press('Tab');
  const ring = await page.evaluate(() => {
    const window = globalThis as unknown as PageWindow;
    const focused = window.document.activeElement as PageElement;
    const { outlineStyle, outlineWidth } = window.getComputedStyle(focused);
    return { style: outlineStyle, width: outlineWidth, name: focused.textContent };
  });
  expect(ring, `focus ring of ${ring.name}`).toMatchObject({ style: 'solid', width: '2px' });

  // C moves to the Message box; typed there, shortcut keys are text.
  await helpButton.focus();
  await page.keyboard.press('c');
  const message = page.getByRole('textbox', { name: 'Message' });
  await expect(message).toBeFocused();
  await page.keyboard.type('mvc?');
  await expect(message).toHaveValue('mvc?');
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await expect(help).toBeHidden();

  // A bare L does nothing; Shift+L leaves.
  await message.press('Tab');
  await page.keyboard.press('l');
  await expect(roster(page)).toBeVisible();
  await page.keyboard.press('Shift+L');
  await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
});
