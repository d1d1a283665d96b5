/**
 * Connection quality in the hub's roster (`npm start`): a member on a slow, lossy link is
 * named poor in words by the others, a member on a clean one good. Bo's link is impaired for
 * his page alone with Chromium's network emulation, which acts on a page's WebRTC sockets
 * (packets delayed and dropped both ways; the kernel here has no netem).
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';

test.use({ baseURL: HUB_URL });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** What Bo's page sends and receives goes through: 300 ms each way, one packet in eight lost. */
const POOR_LINK = { offline: false, latency: 300, packetLoss: 12, downloadThroughput: -1, uploadThroughput: -1 } as const;

async function open(browser: Browser, room: string, name: string, impaired = false): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  if (impaired) {
    // Before the page exists on the network: emulation applies to sockets made after it.
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.emulateNetworkConditions', POOR_LINK);
  }
  await page.goto(`/?${new URLSearchParams({ room, name, media: 'synthetic' })}`);
  return page;
}

const memberItem = (page: Page, name: string) =>
  page
    .getByRole('list', { name: 'People in the room' })
    .locator('li.member')
    .filter({ has: page.getByText(name, { exact: true }) });

test('the roster names a member on a slow, lossy link poor and one on a clean link good', async ({ browser }) => {
  test.setTimeout(120_000);
  const room = `quality-${randomUUID().slice(0, 8)}`;
  const [ada, bo, cy] = await Promise.all([open(browser, room, 'Ada'), open(browser, room, 'Bo', true), open(browser, room, 'Cy')]);
  // Ada sees Bo's link as poor, in words, and Cy's as good.
  await expect(memberItem(ada, 'Bo').locator('.member-quality'), "Ada's word for Bo's link").toContainText('poor connection', {
    timeout: 45_000,
  });
  await expect(memberItem(ada, 'Bo').locator('.member-quality')).toContainText(/round trip \d+ ms/);
  await expect(memberItem(ada, 'Cy').locator('.member-quality'), "Ada's word for Cy's link").toHaveText('good connection', {
    timeout: 20_000,
  });
  // Bo sees his own trouble on every link.
  await expect(memberItem(bo, 'Ada').locator('.member-quality'), "Bo's word for Ada's link").toContainText('poor connection', {
    timeout: 45_000,
  });
  await expect(memberItem(cy, 'Ada').locator('.member-quality')).toHaveText('good connection', { timeout: 20_000 });
});
