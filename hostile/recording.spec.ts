/**
 * Two tabs of one browser share one Origin Private File System, so each sees the other's
 * recordings. A tab must never offer (to recover or discard) a recording another tab is still
 * making or still has: recovering it would rewrite files under a running recorder, discarding
 * it would delete them. What a closed tab left (interrupted, or finished and never downloaded)
 * is offered on the next visit. Room names come from links anyone can send, so they reach the
 * panel as text only.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { probeRecording } from '../e2e/probeRecording.ts';

const link = (room: string, name: string, media: 'synthetic' | 'none') => `/?${new URLSearchParams({ room, name, media })}`;
const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });
const recordButton = (page: Page) => page.getByRole('button', { name: 'Record', exact: true });
const timer = (page: Page) => page.getByRole('timer', { name: 'Recording time and size' });
const interrupted = (page: Page) => page.getByRole('list', { name: 'Interrupted recordings' });
const earlier = (page: Page) => page.getByRole('list', { name: 'Recordings from earlier visits' });
const recordings = (page: Page) => page.getByRole('list', { name: 'Recordings', exact: true });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A room page in `context`, joined: its recording panel is up. */
async function joined(context: BrowserContext, room: string, name: string, media: 'synthetic' | 'none'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link(room, name, media));
  await expect(roster(page).getByText(`${name} (you)`)).toBeVisible({ timeout: 20_000 });
  return page;
}

/** The panel looks for what earlier visits left before it lets this tab record: Record enabled means it has looked. */
async function panelHasLooked(page: Page): Promise<void> {
  await expect(recordButton(page)).toBeEnabled({ timeout: 20_000 });
}

test('a second tab does not offer a recording another tab is making; once that tab closes mid-recording, a reload offers it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  contexts.push(context);
  // A room name is whatever a link says: markup in it must show as typed, never as markup.
  const room = `<img src=x onerror="document.title='owned'"> rec-${randomUUID().slice(0, 8)}`;
  const a = await joined(context, room, 'A', 'synthetic');
  await recordButton(a).click();
  // Above 0 kB: chunks of A's recording are on disk, with its unfinished record.
  await expect(timer(a)).toContainText(/· [1-9][\d.]* (kB|MB)/, { timeout: 15_000 });

  const b = await joined(context, `other-${randomUUID().slice(0, 8)}`, 'B', 'none');
  await panelHasLooked(b);
  await expect(interrupted(b).getByRole('listitem')).toHaveCount(0);
  await expect(b.getByText(room, { exact: false })).toHaveCount(0);
  // A is still recording, unharmed.
  await expect(timer(a)).not.toContainText('paused');
  await expect(a.getByRole('button', { name: 'Stop recording' })).toBeEnabled();

  // A's tab goes without stopping: no Leave, no stop(), the recorder dies with the page.
  await a.close();
  await b.reload();
  await expect(roster(b).getByText('B (you)')).toBeVisible({ timeout: 20_000 });
  await panelHasLooked(b);
  const offers = interrupted(b).getByRole('listitem');
  await expect(offers).toHaveCount(1);
  await expect(offers).toContainText(room);
  await expect(interrupted(b).locator('img')).toHaveCount(0);

  await offers.getByRole('button', { name: 'Recover' }).click();
  const downloading = b.waitForEvent('download');
  await recordings(b).getByRole('button', { name: 'Download' }).click({ timeout: 30_000 });
  const saved = test.info().outputPath('recovered.webm');
  await (await downloading).saveAs(saved);
  const file = await probeRecording(saved);
  expect(file.seekable).toBe(true);
  expect(file.durationS).toBeGreaterThan(1);
  await expect(interrupted(b).getByRole('listitem')).toHaveCount(0);
  expect(await b.title()).not.toBe('owned');
});

test('a finished recording left by a closed tab is offered on the next visit (download or delete), never while its tab has it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  contexts.push(context);
  const room = `kept-${randomUUID().slice(0, 8)}`;
  const a = await joined(context, room, 'A', 'synthetic');
  await recordButton(a).click();
  await expect(timer(a)).toContainText(/^0:0[2-9]/, { timeout: 15_000 });
  await a.getByRole('button', { name: 'Stop recording' }).click();
  // Stopped and made seekable, never downloaded: A's list has it.
  await expect(recordings(a).getByRole('button', { name: 'Download' })).toBeVisible({ timeout: 30_000 });

  const b = await joined(context, `other-${randomUUID().slice(0, 8)}`, 'B', 'none');
  await panelHasLooked(b);
  // A still has it in its list: B neither offers it nor can delete it from under A.
  await expect(b.getByText(room, { exact: false })).toHaveCount(0);

  // A's tab closes without Leave, so its panel never deletes what it recorded.
  await a.close();
  await b.reload();
  await expect(roster(b).getByText('B (you)')).toBeVisible({ timeout: 20_000 });
  await panelHasLooked(b);
  await expect(interrupted(b).getByRole('listitem')).toHaveCount(0);
  const left = earlier(b).getByRole('listitem');
  await expect(left).toHaveCount(1);
  await expect(left).toContainText(room);
  const downloading = b.waitForEvent('download');
  await left.getByRole('button', { name: 'Download' }).click();
  const saved = test.info().outputPath('left.webm');
  await (await downloading).saveAs(saved);
  const file = await probeRecording(saved);
  expect(file.seekable).toBe(true);
  expect(file.durationS).toBeGreaterThan(1);

  await left.getByRole('button', { name: 'Delete' }).click();
  await expect(earlier(b).getByRole('listitem')).toHaveCount(0);
  await b.reload();
  await expect(roster(b).getByText('B (you)')).toBeVisible({ timeout: 20_000 });
  await panelHasLooked(b);
  await expect(b.getByText(room, { exact: false })).toHaveCount(0);
});
