/**
 * Strangers who know a room's name and sit where its members meet: the room's rendezvous ID
 * (first come, first served on any PeerServer) and the server's room directory (anyone may
 * enter a room without a passphrase). Members must meet all the same, and nothing such a
 * stranger says — silence, "room full", "wrong passphrase" — may end anyone's session.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '../src/room/protocol.ts';
import { rendezvousId } from '../src/room/rendezvousId.ts';
import { openHostilePage, squat, type SquatterReport } from './support/hostilePage.ts';

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function member(browser: Browser, room: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`/?${new URLSearchParams({ room, name, media: 'none' })}`);
  return page;
}

const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });
const inRoom = (page: Page, room: string) => page.getByRole('region', { name: `Room ${room}` });

/** Ada and Bo join while the squatter sits there; both must see the other within 10 s. */
async function meetDespite(browser: Browser, room: string): Promise<[Page, Page]> {
  const ada = await member(browser, room, 'Ada');
  const bo = await member(browser, room, 'Bo');
  await expect(roster(ada).getByText('Bo', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(roster(bo).getByText('Ada', { exact: true })).toBeVisible({ timeout: 10_000 });
  return [ada, bo];
}

test('a squatter that holds the meeting points and answers nothing: two members still meet within 10 s', async ({ browser, baseURL }) => {
  const room = `squat-${randomUUID().slice(0, 8)}`;
  const stranger = await openHostilePage(browser, baseURL!);
  contexts.push(stranger.context);
  await squat(stranger, { room, rendezvousId: rendezvousId(room), version: PROTOCOL_VERSION, answer: 'nothing' });
  await meetDespite(browser, room);
});

test('a squatter that answers "room full" and "wrong passphrase" to everyone: nobody leaves', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const room = `refuse-${randomUUID().slice(0, 8)}`;
  const stranger = await openHostilePage(browser, baseURL!);
  contexts.push(stranger.context);
  await squat(stranger, { room, rendezvousId: rendezvousId(room), version: PROTOCOL_VERSION, answer: 'refused' });
  const [ada, bo] = await meetDespite(browser, room);
  // The members did reach the squatter, and heard its refusals.
  await expect
    .poll(async () => (await stranger.page.evaluate(() => (globalThis as unknown as { squatter: SquatterReport }).squatter)).refusalsSent, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  // Long after: both still in the room, together.
  await ada.waitForTimeout(3_000);
  for (const [page, other] of [
    [ada, 'Bo'],
    [bo, 'Ada'],
  ] as const) {
    await expect(inRoom(page, room)).toBeVisible();
    await expect(roster(page).getByText(other, { exact: true })).toBeVisible();
  }
});
