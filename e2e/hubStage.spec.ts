/**
 * The hub's stage (issue 24), served by `npm start`: one real hub page, and the room grown one
 * light member at a time (e2e/fixtures/member.html: the library alone, no media, no stage)
 * up to eight. At every size no two cubes are drawn over each other and every cube is inside
 * the canvas; a click on a cube focuses it, Esc lets go; the Tiles view shows everyone.
 *
 * The cubes' rectangles are read as a keyboard user finds them: the stage's "Focus …" buttons
 * lie over their cubes (src/scene/FocusButtons.ts), so each button's box is its cube's.
 */
import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import type { WithMember } from './fixtures/memberApi.ts';
import { hubPages } from './hubPages.ts';

const pages = hubPages();
const members: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(members.splice(0).map((context) => context.close()));
  await pages.closeAll();
});

/** Generous: up to eight pages on two cores that others load too. */
const SETTLED = { timeout: 30_000 } as const;

type Box = { x: number; y: number; width: number; height: number };

const stage = (page: Page) => page.getByRole('figure', { name: 'Stage' });
const focusButtons = (page: Page) => stage(page).getByRole('list', { name: 'Cubes on stage' }).getByRole('button');

/** A light member: a page of the library alone, joining the hub's room on the hub's signaling server. */
async function arrive(browser: Browser, room: string, name: string): Promise<void> {
  const context = await browser.newContext();
  members.push(context);
  const page = await context.newPage();
  await page.goto('/e2e/fixtures/member.html');
  await page.waitForFunction(() => 'member' in globalThis);
  await page.evaluate((asked) => (globalThis as unknown as WithMember).member.join(asked), {
    room,
    name,
    signalingPort: Number(new URL(HUB_URL).port),
    media: false,
  });
}

async function boxes(buttons: Locator): Promise<Box[]> {
  const found: Box[] = [];
  for (const button of await buttons.all()) {
    const box = await button.boundingBox();
    if (box) found.push(box);
  }
  return found;
}

/** The cubes' boxes once the layout has settled: two reads 250 ms apart whose centres agree (glides take 300 ms). */
async function settledBoxes(page: Page, count: number): Promise<Box[]> {
  const centre = (box: Box) => [box.x + box.width / 2, box.y + box.height / 2] as const;
  // A turning cube's box breathes a little (perspective, level): a glide moves far more.
  const still = (a: Box, b: Box) => {
    const [x, y] = centre(a);
    const [x2, y2] = centre(b);
    const within = Math.max(3, 0.08 * Math.max(a.width, a.height));
    return Math.abs(x - x2) < within && Math.abs(y - y2) < within;
  };
  const deadline = Date.now() + SETTLED.timeout;
  let reads: [Box[], Box[]] = [[], []];
  while (Date.now() < deadline) {
    const first = await boxes(focusButtons(page));
    await page.waitForTimeout(250);
    const second = await boxes(focusButtons(page));
    reads = [first, second];
    if (first.length === count && second.length === count && first.every((box, i) => still(box, second[i]!))) return second;
  }
  throw new Error(`the stage of ${count} did not settle; last two reads: ${JSON.stringify(reads)}`);
}

function expectApartAndInside(found: readonly Box[], canvas: Box, what: string): void {
  // A pixel of rounding: the buttons are laid at whole pixels.
  const inside = (box: Box) =>
    box.x >= canvas.x - 1 &&
    box.y >= canvas.y - 1 &&
    box.x + box.width <= canvas.x + canvas.width + 1 &&
    box.y + box.height <= canvas.y + canvas.height + 1;
  const overlap = (a: Box, b: Box) =>
    a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
  for (const [i, box] of found.entries()) {
    expect(inside(box), `${what}: cube ${i} inside the canvas ${JSON.stringify(canvas)}: ${JSON.stringify(box)}`).toBe(true);
    for (const [j, other] of found.entries()) {
      if (j > i) expect(overlap(box, other), `${what}: cubes ${i} and ${j} overlap: ${JSON.stringify([box, other])}`).toBe(false);
    }
  }
}

test('1–8 members: no two cubes drawn over each other; click to focus, Esc to let go; the Tiles view', async ({ browser }) => {
  // Eight pages join one by one, each settling, on two shared cores: minutes, not seconds.
  test.setTimeout(480_000);
  const room = `stage-${randomUUID().slice(0, 8)}`;
  const hub = await pages.open(browser, `${HUB_URL}/?room=${room}&name=Hub&media=synthetic`);
  const canvas = stage(hub).locator('[data-view="cubes"] canvas');
  await expect(focusButtons(hub)).toHaveCount(1, SETTLED);
  const canvasBox = async () => {
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the stage canvas is not laid out');
    return box;
  };
  expectApartAndInside(await settledBoxes(hub, 1), await canvasBox(), '1 member');

  for (let count = 2; count <= 8; count++) {
    await arrive(browser, room, `M${count}`);
    await expect(focusButtons(hub)).toHaveCount(count, SETTLED);
    expectApartAndInside(await settledBoxes(hub, count), await canvasBox(), `${count} members`);
  }

  // A click on M3's cube focuses M3: larger than the others, still apart from them.
  const m3 = focusButtons(hub).filter({ hasText: 'Focus M3' });
  const before = (await m3.boundingBox())!;
  await hub.mouse.click(before.x + before.width / 2, before.y + before.height / 2);
  await expect(m3).toHaveAttribute('aria-pressed', 'true');
  const focused = await settledBoxes(hub, 8);
  expectApartAndInside(focused, await canvasBox(), 'M3 focused');
  const m3Index = (await focusButtons(hub).allTextContents()).indexOf('Focus M3');
  const m3Box = focused[m3Index]!;
  for (const [i, box] of focused.entries())
    if (i !== m3Index) expect(m3Box.width * m3Box.height).toBeGreaterThan(2 * box.width * box.height);
  await hub.keyboard.press('Escape');
  await expect(m3).toHaveAttribute('aria-pressed', 'false');

  // The keyboard reaches the cubes too.
  await m3.focus();
  await expect(m3).toBeVisible();
  await hub.keyboard.press('Enter');
  await expect(m3).toHaveAttribute('aria-pressed', 'true');
  await hub.keyboard.press('Escape');
  await expect(m3).toHaveAttribute('aria-pressed', 'false');

  // The Tiles view: every member's tile, named, in one canvas; then back to the cubes.
  const views = hub.getByRole('group', { name: 'View' });
  await views.getByRole('button', { name: 'Tiles' }).click();
  await expect(views.getByRole('button', { name: 'Tiles' })).toHaveAttribute('aria-pressed', 'true');
  const tiles = stage(hub).getByRole('img', { name: /^Video tiles: / });
  await expect(tiles).toBeVisible();
  await expect(tiles).toHaveAccessibleName('Video tiles: Hub, M2, M3, M4, M5, M6, M7, M8', SETTLED);
  await expect(canvas).toBeHidden();
  await views.getByRole('button', { name: 'Cubes' }).click();
  await expect(canvas).toBeVisible();
  await expect(tiles).toBeHidden();
});
