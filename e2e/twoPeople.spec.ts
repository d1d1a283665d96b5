/**
 * Two people, two browser contexts, one hub: the dev server's embedded PeerServer signals a
 * message and a call between them over real WebRTC.
 */
import { expect, test, type Page } from '@playwright/test';
import type { WithPerson } from './fixtures/personApi.ts';

async function arrive(page: Page): Promise<string> {
  await page.goto('/e2e/fixtures/person.html');
  await page.waitForFunction(() => 'person' in globalThis);
  return page.evaluate(() => (globalThis as unknown as WithPerson).person.open());
}

test('two people exchange a message and a call through the dev server', async ({ browser }) => {
  const [alice, bob] = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [alicePage, bobPage] = await Promise.all([alice.newPage(), bob.newPage()]);
    const [, bobId] = await Promise.all([arrive(alicePage), arrive(bobPage)]);

    await alicePage.evaluate((id) => (globalThis as unknown as WithPerson).person.sendTo(id, 'hello bob'), bobId);
    await expect.poll(() => bobPage.evaluate(() => (globalThis as unknown as WithPerson).person.received())).toEqual(['hello bob']);

    await alicePage.evaluate((id) => (globalThis as unknown as WithPerson).person.callWithSyntheticMedia(id, 440), bobId);
    const media = await bobPage.evaluate(() => (globalThis as unknown as WithPerson).person.probeIncomingMedia());
    expect(media).toMatchObject({ videoTracks: 1, audioTracks: 1 });
    expect(media.frames).toBeGreaterThan(5);
    expect(media.levelDb).toBeGreaterThan(-30);
    expect(Math.abs(media.peakHz - 440)).toBeLessThan(12);
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

test('the hub page is served with its signaling server on one port, HMR still alive', async ({ page, request }) => {
  const info = await (await request.get('/peerjs')).json();
  expect(info).toMatchObject({ name: 'PeerJS Server' });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();

  // Vite's HMR socket shares the HTTP server with the PeerServer's: both must live.
  const hmrSocket = page.waitForEvent('websocket', (socket) => !socket.url().includes('/peerjs'));
  const signalingSocket = page.waitForEvent('websocket', (socket) => socket.url().includes('/peerjs/peerjs'));
  await arrive(page);
  const [hmr, signaling] = await Promise.all([hmrSocket, signalingSocket]);
  await page.waitForTimeout(500);
  expect(hmr.isClosed()).toBe(false);
  expect(signaling.isClosed()).toBe(false);
});
