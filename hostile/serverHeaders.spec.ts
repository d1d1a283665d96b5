/**
 * The hub's pages come with security headers (src/server/securityHeaders.ts): another site
 * cannot frame them, and the Content-Security-Policy refuses nothing the hub itself does —
 * its stage (three.js), audio analysis (Tone.js worklets from blob: URLs), QR code, recording
 * and preview, and signaling at `/peerjs`.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { serveOtherSite } from './support/otherSite.ts';

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

interface Watched {
  readonly page: Page;
  /** Every CSP refusal the page reported, as the console said it or as its event. */
  readonly violations: string[];
}

/** A page that records what the policy refuses, in the page and in its workers and worklets. */
async function watchedPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext();
  contexts.push(context);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

const violationsOf = async ({ page, violations }: Watched) => [
  ...violations,
  ...(await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)),
];

test('two people meet, see each other, open the QR code and record, and the policy refuses none of it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const room = `csp-${randomUUID().slice(0, 8)}`;
  const [ada, bo] = [await watchedPage(browser), await watchedPage(browser)] as const;
  for (const [person, name] of [
    [ada, 'Ada'],
    [bo, 'Bo'],
  ] as const) {
    const response = await person.page.goto(`${baseURL}/?${new URLSearchParams({ room, name, media: 'synthetic' })}`);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['permissions-policy']).toBe('camera=(self), microphone=(self), display-capture=(self)');
  }
  const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });
  for (const [person, other] of [
    [ada, 'Bo'],
    [bo, 'Ada'],
  ] as const) {
    await expect(roster(person.page).getByText(other, { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(roster(person.page).locator('.member-state').filter({ hasText: 'connected' })).toHaveCount(2, { timeout: 20_000 });
  }

  await ada.page.getByText('QR code', { exact: true }).click();
  await expect(ada.page.getByRole('img', { name: /^QR code of / })).toBeVisible();

  await ada.page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(ada.page.getByRole('timer', { name: 'Recording time and size' })).toContainText(/^0:0[1-9]/, { timeout: 15_000 });
  await ada.page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(ada.page.getByRole('button', { name: 'Download' })).toBeVisible({ timeout: 30_000 });
  // The recording plays in the page from a blob: URL, which the policy allows as media.
  await ada.page.getByRole('button', { name: /^Watch / }).click();
  const preview = ada.page.getByLabel(/^Preview of /);
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);

  expect(await violationsOf(ada)).toEqual([]);
  expect(await violationsOf(bo)).toEqual([]);
});

test("another site's page cannot frame the hub; the hub's own origin can", async ({ browser, baseURL }) => {
  const hub = new URL(baseURL!);
  const otherSite = await serveOtherSite(`<iframe name="hub" src="${hub.origin}/?room=framed"></iframe>`);
  try {
    const { page } = await watchedPage(browser);
    await page.goto(otherSite.origin);
    const framed = page.frame({ name: 'hub' })!;
    await framed.waitForLoadState('load');
    // Chromium shows its own error page in the frame instead (which has a heading of its own).
    expect(await framed.locator('main#app').count(), 'the hub inside a frame of another site').toBe(0);
    expect(framed.url()).toBe('chrome-error://chromewebdata/');
  } finally {
    await otherSite.close();
  }

  // The control: the same frame in a page of the hub's own origin loads the hub.
  const { page: own } = await watchedPage(browser);
  await own.goto(`${hub.origin}/`);
  await own.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.name = 'hub';
    frame.src = '/?room=framed';
    document.body.append(frame);
  });
  await expect(own.frameLocator('iframe[name="hub"]').locator('main#app h1')).toHaveText('peerstage');
});
