/**
 * Large rooms in the hub (issue 23), served by `npm start`: inside the e2e's network namespace
 * it starts a Janus of its own (src/server/hubJanus.ts) and proxies it at `/janus/0`, so a
 * large room's members meet on that media server rather than on the mesh. Run through
 * `npm run test:e2e` (or `tsx tools/firefoxNetwork.ts playwright test …`): Janus gathers ICE on
 * the namespace's `v0`/`v1`, which the browsers reach.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import { hubPages } from './hubPages.ts';
import { installMediaProbe, readInboundMedia } from './mediaProbe.ts';

test.use({ baseURL: HUB_URL });

const pages = hubPages();
test.afterEach(() => pages.closeAll());
const open = pages.open;

/** What the room header says of a large room. */
const LARGE_ROOM_BADGE = 'Large room · through the media server';
const LARGE_ROOM_CHOICE = /^Large room \(up to 50 people/;
/** Generous: two pages and a Janus on two cores that others load too. */
const SETTLED = { timeout: 30_000 } as const;

const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });
const header = (page: Page) => page.locator('header.room-header');

test('two people meet in a large room on the hub’s media server: roster, video, chat, and a header that says so', async ({
  browser,
  request,
}) => {
  const config = (await (await request.get('/peerstage/config.json')).json()) as { janus?: string[] };
  expect(config.janus, "npm start runs a Janus of its own when Debian's janus is installed").toEqual(['/janus/0']);
  const room = `large-${randomUUID().slice(0, 8)}`;
  const withProbe = (context: BrowserContext) => context.addInitScript(installMediaProbe);

  // Ada starts the room from the join screen, ticking the large room.
  const ada = await open(browser, `/?room=${room}`, withProbe);
  const choice = ada.getByRole('checkbox', { name: LARGE_ROOM_CHOICE });
  await expect(choice).not.toBeChecked();
  await expect(choice).toHaveAccessibleDescription(/every member sends .* to every other/);
  await choice.check();
  await ada.getByRole('textbox', { name: 'Your name' }).fill('Ada');
  await ada.getByRole('radio', { name: 'Synthetic test picture and tone' }).check();
  await ada.getByRole('button', { name: 'Join' }).click();
  await expect(header(ada)).toContainText(LARGE_ROOM_BADGE);
  const shared = await header(ada).locator('.share-link a').getAttribute('href');
  expect(new URL(shared ?? '').searchParams.get('large')).toBe('1');

  // Bo follows the shared link: the join screen has the large room ticked already.
  const bo = await open(browser, new URL(shared ?? '').search, withProbe);
  await expect(bo.getByRole('checkbox', { name: LARGE_ROOM_CHOICE })).toBeChecked();
  await bo.getByRole('textbox', { name: 'Your name' }).fill('Bo <i>2</i>');
  await bo.getByRole('radio', { name: 'Synthetic test picture and tone' }).check();
  await bo.getByRole('button', { name: 'Join' }).click();
  await expect(header(bo)).toContainText(LARGE_ROOM_BADGE);

  for (const [page, other] of [
    [ada, 'Bo <i>2</i>'],
    [bo, 'Ada'],
  ] as const) {
    await expect(roster(page).getByText(other, { exact: true })).toBeVisible(SETTLED);
    await expect(roster(page).locator('.member-state').filter({ hasText: 'connected' })).toHaveCount(2, SETTLED);
    // The other's video arrives from the media server and decodes.
    await expect.poll(async () => (await page.evaluate(readInboundMedia)).videoFramesDecoded, SETTLED).toBeGreaterThan(0);
  }
  // Each page's media goes through Janus (publisher, subscription, chat), never to the other page.
  expect((await ada.evaluate(readInboundMedia)).openConnections).toBe(3);

  await ada.getByRole('textbox', { name: 'Message' }).fill('hello <b>large</b> room');
  await ada.getByRole('button', { name: 'Send' }).click();
  await expect(bo.getByRole('list', { name: 'Chat' })).toContainText('Ada: hello <b>large</b> room', SETTLED);
  await expect(bo.getByRole('list', { name: 'Chat' }).locator('b')).toHaveCount(0);
  await bo.getByRole('textbox', { name: 'Message' }).fill('hi Ada');
  await bo.getByRole('button', { name: 'Send' }).click();
  await expect(ada.getByRole('list', { name: 'Chat' })).toContainText('Bo <i>2</i>: hi Ada', SETTLED);

  await bo.getByRole('button', { name: 'Leave' }).click();
  await expect(bo.getByRole('checkbox', { name: LARGE_ROOM_CHOICE })).toBeChecked();
  await expect(roster(ada).getByText('Bo <i>2</i>', { exact: true })).toHaveCount(0, SETTLED);
});

test('a large-room link where the server has no media server is said in words, and joins nothing', async ({ browser }) => {
  const room = `large-${randomUUID().slice(0, 8)}`;
  // As a hub without Janus: its configuration lists no Janus server.
  const page = await open(browser, `/?${new URLSearchParams({ room, name: 'Dee', media: 'none', large: '1' })}`, (context) =>
    context.route('**/peerstage/config.json', (route) => route.fulfill({ json: { iceServers: [] } })),
  );
  await expect(page.getByRole('status').filter({ hasText: 'This link is for a large room' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: LARGE_ROOM_CHOICE })).toHaveCount(0);
  await expect(page.locator('section.room')).toHaveCount(0);
});
