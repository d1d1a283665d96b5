/**
 * Chat on a lossy network (`npm start`): in a room where every link drops 5 % of its packets
 * and adds 150 ms, every member still sees every other member's messages once each, in the
 * order they were sent, and as text. Each page is impaired with Chromium's network emulation,
 * which acts on the page's WebRTC sockets both ways (see linkQuality.spec.ts), so each link
 * has two impaired ends.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import { readHubView } from './hubView.ts';

test.use({ baseURL: HUB_URL });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** 150 ms each way and one packet in twenty lost; loss only acts with some latency. */
const LOSSY_LINK = { offline: false, latency: 150, packetLoss: 5, downloadThroughput: -1, uploadThroughput: -1 } as const;

/** Enough that SCTP must resend several on every link (a packet crosses two ends losing 5 % each). */
const MESSAGES_PER_MEMBER = 50;

/** Time between one member's messages: the three series overlap on the wire instead of queuing whole. */
const TYPING_GAP_MS = 25;

/** The message that carries markup, which must show as text. */
const MARKUP_AT = 25;

const NAMES = ['Ada', 'Bo', 'Cy'] as const;

const messageText = (name: string, index: number) => `${name} #${index}${index === MARKUP_AT ? ' <b>not bold</b>' : ''}`;

/** What `name` sends, in order. */
const seriesOf = (name: string) => Array.from({ length: MESSAGES_PER_MEMBER }, (_, index) => messageText(name, index + 1));

/** The chat lines `name`'s messages make on another member's page, in the order sent. */
const linesSentBy = (name: string) => seriesOf(name).map((text) => `${name}: ${text}`);

async function openLossy(browser: Browser, room: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  // Before the page exists on the network: emulation applies to sockets made after it.
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.emulateNetworkConditions', LOSSY_LINK);
  // No media: the chat is what is tested, and three stages of video would crowd two cores.
  await page.goto(`/?${new URLSearchParams({ room, name, media: 'none' })}`);
  return page;
}

const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });

/**
 * Sends each message through the hub's chat form: the text in the "Message" box, then a click
 * on "Send". Done inside the page, since a Playwright action per message costs most of a second
 * on a busy machine; the form, its submit handler and the room are the same as a person's.
 * Runs in the page, so it closes over nothing.
 */
async function typeInChat({ texts, gapMs }: { texts: readonly string[]; gapMs: number }): Promise<void> {
  interface Box {
    value: string;
  }
  interface Clickable {
    click(): void;
  }
  const document = (globalThis as unknown as { document: { querySelector(selector: string): unknown } }).document;
  const box = document.querySelector('form.chat-form input[aria-label="Message"]') as Box | null;
  const send = document.querySelector('form.chat-form button[type="submit"]') as Clickable | null;
  if (!box || !send) throw new Error('no chat form on the page');
  for (const text of texts) {
    box.value = text;
    send.click();
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

/** The chat lines on `page` that came from `name`, in the order shown. */
async function linesFrom(page: Page, name: string): Promise<string[]> {
  const { chat } = await page.evaluate(readHubView);
  return chat.filter((line) => line.startsWith(`${name}: `));
}

test('a room under 5 % loss and 150 ms delay still delivers every chat message once and in order', async ({ browser }) => {
  // Joining takes several lossy round trips, and each lost packet costs a resend a round trip later.
  test.setTimeout(120_000);
  const room = `lossy-${randomUUID().slice(0, 8)}`;
  const pages = await Promise.all(NAMES.map((name) => openLossy(browser, room, name)));
  const members = NAMES.map((name, index) => ({ name, page: pages[index]! }));

  for (const { page } of members) {
    await expect(roster(page).locator('.member-state').filter({ hasText: 'connected' })).toHaveCount(NAMES.length, { timeout: 45_000 });
  }

  // Everyone at once, so the three series interleave on every link.
  await Promise.all(members.map(({ page, name }) => page.evaluate(typeInChat, { texts: seriesOf(name), gapMs: TYPING_GAP_MS })));

  for (const { page, name: reader } of members) {
    for (const { name: sender } of members.filter((member) => member.name !== reader)) {
      // Equal, not contained: a message lost, repeated or out of place never matches.
      await expect
        .poll(() => linesFrom(page, sender), { message: `${sender}'s messages on ${reader}'s page`, timeout: 30_000 })
        .toEqual(linesSentBy(sender));
    }
    const log = page.getByRole('list', { name: 'Chat' });
    await expect(log.locator('li b')).toHaveCount(0);
  }

  // The links really were impaired: an undisturbed link here has a round trip of a few ms, and
  // the roster names it good without one.
  const ada = members[0]!.page;
  const adasWordForBo = roster(ada)
    .locator('li.member')
    .filter({ has: ada.getByText('Bo', { exact: true }) })
    .locator('.member-quality');
  await expect
    .poll(async () => Number(/round trip (\d+) ms/.exec((await adasWordForBo.textContent()) ?? '')?.[1] ?? 0), {
      message: "the round trip in Ada's word for Bo's link",
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(250);
});
