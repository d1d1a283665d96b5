/**
 * The hub as people use it, served by `npm start` (the production build with its signaling
 * server): several people open room links in browser contexts of their own.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import { hubPages } from './hubPages.ts';
import { probeRecording } from './probeRecording.ts';

test.use({ baseURL: HUB_URL });

const pages = hubPages();
test.afterEach(() => pages.closeAll());
const open = pages.open;

const SCREENSHOTS = 'docs/screenshots';

const link = (room: string, name: string, media = 'synthetic') => `/?${new URLSearchParams({ room, name, media })}`;
const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });
const stageCaption = (page: Page) => page.getByRole('figure', { name: 'Stage' }).locator('figcaption');

test('three people meet on the stage, chat as plain text, record the room, and see a member leave', async ({ browser }, testInfo) => {
  // Three pages each render a stage and analyse three members on two cores.
  test.setTimeout(150_000);
  const room = `hub-${randomUUID().slice(0, 8)}`;
  const [ada, bo, cy] = await Promise.all(['Ada', 'Bo', 'Cy'].map((name) => open(browser, link(room, name))));
  const people = [
    { page: ada!, name: 'Ada' },
    { page: bo!, name: 'Bo' },
    { page: cy!, name: 'Cy' },
  ];

  for (const { page, name } of people) {
    const others = people.filter((other) => other.name !== name).map((other) => other.name);
    for (const other of others) {
      await expect(roster(page).getByText(other, { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(stageCaption(page)).toContainText(other);
    }
    await expect(roster(page).getByText(`${name} (you)`)).toBeVisible();
    await expect(roster(page).locator('.member-state').filter({ hasText: 'connected' })).toHaveCount(3, { timeout: 20_000 });
  }

  const markup = '<img src=x onerror="window.__injected=1"><b>bold?</b>';
  await ada!.getByRole('textbox', { name: 'Message' }).fill(markup);
  await ada!.getByRole('button', { name: 'Send' }).click();
  for (const page of [bo!, cy!]) {
    const log = page.getByRole('list', { name: 'Chat' });
    await expect(log).toContainText(`Ada: ${markup}`);
    await expect(log.locator('img, b')).toHaveCount(0);
    expect(await page.evaluate(() => '__injected' in globalThis)).toBe(false);
  }
  await ada!.waitForTimeout(1_500); // a few frames of every cube before the picture is taken
  await ada!.screenshot({ path: `${SCREENSHOTS}/room.png` });

  const clickedRecordAt = Date.now();
  await ada!.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(ada!.getByRole('timer', { name: 'Recording time and size' })).toContainText(/^0:0[1-9]/, { timeout: 10_000 });
  await ada!.waitForTimeout(3_000);
  await ada!.getByRole('button', { name: 'Stop recording' }).click();
  // About 4 s, more on a busy machine: the file can be no longer than the time between the clicks.
  const recordedS = (Date.now() - clickedRecordAt) / 1_000;
  const downloading = ada!.waitForEvent('download');
  await ada!.getByRole('button', { name: 'Download' }).click({ timeout: 30_000 });
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^peerstage-${room}-\\d{4}-\\d{2}-\\d{2}-\\d{4}.*\\.webm$`));
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const file = await probeRecording(saved);
  testInfo.annotations.push({ type: 'recording', description: JSON.stringify(file) });
  expect(file.seekable).toBe(true);
  expect([...file.trackTypes].sort()).toEqual(['audio', 'video']);
  expect(file.durationS).toBeGreaterThan(2.5);
  expect(file.durationS).toBeLessThan(recordedS + 0.5);
  // Frames are counted, not judged: three pages rendering WebGL and encoding VP9 in software on
  // two cores record a few frames a second (the record bench measures frame rates).
  expect(file.videoFrames).toBeGreaterThan(0);

  await cy!.getByRole('button', { name: 'Leave' }).click();
  await expect(cy!.getByRole('button', { name: 'Join' })).toBeVisible();
  for (const page of [ada!, bo!]) {
    await expect(roster(page).getByText('Cy', { exact: true })).toHaveCount(0, { timeout: 5_000 });
    await expect(stageCaption(page)).not.toContainText('Cy');
  }
});

test('the join screen joins the room it is given, as the name typed', async ({ browser }) => {
  const room = `hub-${randomUUID().slice(0, 8)}`;
  const host = await open(browser, link(room, 'Host'));
  await expect(roster(host).getByText('Host (you)')).toBeVisible();

  const guest = await open(browser, `/?room=${room}`);
  await expect(guest.getByRole('textbox', { name: 'Room' })).toHaveValue(room);
  await guest.getByRole('textbox', { name: 'Your name' }).fill('Guest <i>42</i>');
  await guest.getByRole('radio', { name: 'Synthetic test picture and tone' }).check();
  await guest.screenshot({ path: `${SCREENSHOTS}/join.png` });
  await guest.getByRole('button', { name: 'Join' }).click();

  await expect(roster(host).getByText('Guest <i>42</i>', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(roster(guest).getByText('Host', { exact: true })).toBeVisible();
});

test('a denied camera is said in words, and the member still joins without media', async ({ browser }) => {
  const room = `hub-${randomUUID().slice(0, 8)}`;
  const host = await open(browser, link(room, 'Host'));
  // As a person who clicks "Block" on the permission prompt.
  const denied = await open(browser, link(room, 'Dee', 'camera'), (context) =>
    context.addInitScript({
      content: `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));`,
    }),
  );
  await expect(denied.getByRole('status').filter({ hasText: 'permission was denied' })).toBeVisible();
  await expect(roster(host).getByText('Dee', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(denied.getByRole('button', { name: 'Mute' })).toBeDisabled();
});

test('a wrong passphrase sends the member back to the join screen, told why', async ({ browser }) => {
  const room = `hub-${randomUUID().slice(0, 8)}`;
  const host = await open(browser, `/?room=${room}`);
  await host.getByRole('textbox', { name: 'Your name' }).fill('Host');
  await host.getByRole('radio', { name: 'Nothing (watch and listen)' }).check();
  await host.getByLabel('Passphrase (optional)').fill('open sesame');
  await host.getByRole('button', { name: 'Join' }).click();
  await expect(roster(host).getByText('Host (you)')).toBeVisible();

  const eve = await open(browser, `/?room=${room}`);
  await eve.getByRole('textbox', { name: 'Your name' }).fill('Eve');
  await eve.getByRole('radio', { name: 'Nothing (watch and listen)' }).check();
  await eve.getByLabel('Passphrase (optional)').fill('guess');
  await eve.getByRole('button', { name: 'Join' }).click();
  await expect(eve.getByRole('status').filter({ hasText: 'Wrong passphrase' })).toBeVisible({ timeout: 20_000 });
  await expect(eve.getByRole('button', { name: 'Join' })).toBeVisible();
  await expect(roster(host).getByText('Eve', { exact: true })).toHaveCount(0);
});

test('a recording cut short by a reload is offered on the next visit, and recovers into a seekable file', async ({ browser }, testInfo) => {
  // Recording, reloading and remuxing on a loaded machine take longer than the default minute.
  test.setTimeout(120_000);
  const room = `hub-${randomUUID().slice(0, 8)}`;
  const page = await open(browser, link(room, 'Solo'));
  await expect(roster(page).getByText('Solo (you)')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  // A size above 0 kB: MediaRecorder has handed over its first timeslice, and the store has
  // had a moment to write it before the page goes.
  // The encoder's first bytes come late on a loaded machine (VP9 in software).
  await expect(page.getByRole('timer', { name: 'Recording time and size' })).toContainText(/· [1-9][\d.]* (kB|MB)/, { timeout: 45_000 });
  await page.waitForTimeout(500);
  await page.reload();

  const offers = page.getByRole('list', { name: 'Interrupted recordings' });
  await expect(offers.getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
  await expect(offers).toContainText(room);
  await offers.getByRole('button', { name: 'Recover' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('list', { name: 'Recordings', exact: true }).getByRole('button', { name: 'Download' }).click({ timeout: 30_000 });
  const saved = testInfo.outputPath('recovered.webm');
  await (await downloading).saveAs(saved);
  const file = await probeRecording(saved);
  expect(file.seekable).toBe(true);
  expect(file.durationS).toBeGreaterThan(1);
  await expect(offers.getByRole('listitem')).toHaveCount(0);
});
