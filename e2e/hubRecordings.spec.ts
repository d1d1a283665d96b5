/**
 * The hub's recordings as people use them, against `npm start`: a visit's recordings listed
 * with size and length, each downloading as a seekable WebM; a tab closed while recording,
 * and a new tab of the same browser (the same origin private file system) that finds what it
 * left, recovers it and downloads it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import { hubPages } from './hubPages.ts';
import { probeRecording } from './probeRecording.ts';

test.use({ baseURL: HUB_URL });

const pages = hubPages();
test.afterEach(() => pages.closeAll());

const link = (room: string, name: string) => `/?${new URLSearchParams({ room, name, media: 'synthetic' })}`;
const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });
const timer = (page: Page) => page.getByRole('timer', { name: 'Recording time and size' });
const thisVisit = (page: Page) => page.getByRole('list', { name: 'Recordings', exact: true });
/** A line's facts as shown: size · length · when made. */
const FACTS = /[1-9][\d.]* (kB|MB) · \d+:\d\d · \S/;

/** Records about `ms`, from the first stored bytes to Stop; resolves with the time between the clicks. */
async function recordFor(page: Page, ms: number): Promise<number> {
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  // The first bytes wait for the encoder's first frames: slow on a loaded machine (VP9 in software).
  await expect(timer(page)).toContainText(/· [1-9][\d.]* (kB|MB)/, { timeout: 45_000 });
  await page.waitForTimeout(ms);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(timer(page)).toBeHidden({ timeout: 30_000 });
  return (Date.now() - clickedAt) / 1_000;
}

/**
 * Bytes of recorded chunks on this origin's disk (the hub's store), read in the page: the timer
 * counts what MediaRecorder handed over, and on a loaded machine the writes lag behind it.
 */
function storedChunkBytes(page: Page): Promise<number> {
  // A string: this file is Node code to the type checker, which knows no OPFS.
  return page.evaluate<number>(`(async () => {
    let bytes = 0;
    const store = await (await navigator.storage.getDirectory()).getDirectoryHandle('peerstage-recordings');
    for await (const recording of store.values()) {
      if (recording.kind !== 'directory') continue;
      for await (const file of recording.values()) {
        if (file.kind === 'file' && file.name.startsWith('chunk-')) bytes += (await file.getFile()).size;
      }
    }
    return bytes;
  })()`);
}

/** Downloads the recording of `item` and reads it back as a player would. */
async function download(page: Page, item: Locator, testInfo: TestInfo) {
  const name = (await item.locator('.recording-name').textContent()) ?? '';
  const downloading = page.waitForEvent('download');
  await item.getByRole('button', { name: `Download ${name}` }).click();
  const saved = await downloading;
  expect(saved.suggestedFilename()).toBe(name);
  const path = testInfo.outputPath(`${randomUUID().slice(0, 8)}-${name}`);
  await saved.saveAs(path);
  return probeRecording(path);
}

test('two recordings in a room are listed with size and length, both download seekable, and the next tab lists them', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const room = `rec-${randomUUID().slice(0, 8)}`;
  const page = await pages.open(browser, link(room, 'Ada'));
  await expect(roster(page).getByText('Ada (you)')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Recordings stay in this browser until you delete them')).toBeVisible();

  const first = await recordFor(page, 2_000);
  const second = await recordFor(page, 3_000);
  const items = thisVisit(page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  for (const item of await items.all()) await expect(item).toContainText(FACTS);
  const names = await items.locator('.recording-name').allTextContents();
  expect(new Set(names).size).toBe(2);
  for (const name of names) expect(name).toMatch(new RegExp(`^peerstage-${room}-\\d{4}-\\d{2}-\\d{2}-\\d{4}(-2)?\\.webm$`));

  // Newest first: the second (longer) recording heads the list.
  for (const [index, recordedS] of [
    [0, second],
    [1, first],
  ] as const) {
    const item = items.nth(index);
    const file = await download(page, item, testInfo);
    testInfo.annotations.push({ type: 'recording', description: JSON.stringify(file) });
    expect(file.seekable).toBe(true);
    expect([...file.trackTypes].sort()).toEqual(['audio', 'video']);
    // Shorter than the time between the clicks by the encoder's start-up, which load stretches.
    expect(file.durationS).toBeGreaterThan(1);
    expect(file.durationS).toBeLessThan(recordedS + 0.5);
    // The length the line shows is the file's.
    const shown = (await item.locator('.recording-length').textContent()) ?? '';
    const [minutes = Number.NaN, seconds = Number.NaN] = shown.split(':').map(Number);
    expect(Math.abs(minutes * 60 + seconds - file.durationS)).toBeLessThan(1);
  }

  // The tab closes; another of the same browser finds both, kept.
  const context = page.context();
  await page.close();
  const next = await context.newPage();
  await next.goto(link(room, 'Ada'));
  const earlier = next.getByRole('list', { name: 'Recordings from earlier visits' }).getByRole('listitem');
  await expect(earlier).toHaveCount(2, { timeout: 20_000 });
  for (const item of await earlier.all()) await expect(item).toContainText(FACTS);
  expect((await download(next, earlier.first(), testInfo)).seekable).toBe(true);
});

test('a tab closed while recording leaves it to the next tab, which recovers it and downloads a seekable file', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const room = `rec-${randomUUID().slice(0, 8)}`;
  const page = await pages.open(browser, link(room, 'Solo'));
  await expect(roster(page).getByText('Solo (you)')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  // Some seconds' worth on disk before the tab goes: what a crash keeps.
  await expect(timer(page)).toContainText(/· [1-9][\d.]* (kB|MB)/, { timeout: 45_000 });
  await expect.poll(() => storedChunkBytes(page), { timeout: 45_000 }).toBeGreaterThan(20_000);
  const context = page.context();
  await page.close();

  const next = await context.newPage();
  await next.goto(link(room, 'Solo'));
  const offers = next.getByRole('list', { name: 'Interrupted recordings' });
  await expect(offers.getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
  const offer = offers.getByRole('listitem').first();
  await expect(offer).toContainText(room);
  await expect(offer).toContainText(/[1-9][\d.]* (kB|MB) · length known once recovered/);
  await offer.getByRole('button', { name: /^Recover / }).click();

  const recovered = thisVisit(next).getByRole('listitem');
  await expect(recovered).toHaveCount(1, { timeout: 30_000 });
  await expect(recovered).toContainText(FACTS);
  await expect(offers.getByRole('listitem')).toHaveCount(0);
  const file = await download(next, recovered.first(), testInfo);
  expect(file.seekable).toBe(true);
  expect(file.durationS).toBeGreaterThan(0.5);
});
