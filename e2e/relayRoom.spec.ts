/**
 * TURN, proven: a room whose members may connect only through a relay
 * (`PEERSTAGE_ICE_TRANSPORT_POLICY=relay`) meets, streams and chats through a coturn the spec
 * starts itself, with credentials the hub mints for each page (`PEERSTAGE_TURN_SECRET`, coturn's
 * `use-auth-secret`). Then members on two networks that cannot reach each other
 * (./isolatedNetwork.ts), free to take any route, meet through the relay — and never meet when
 * coturn refuses the hub's credentials: the relay is the only way, and it works.
 *
 * coturn listens and relays on 10.201.0.1, an address that exists only inside the network
 * namespace of `tools/firefoxNetwork.ts` (as `npm run test:e2e` runs): run this spec through it.
 * The hub is `npm start`'s server, in a process of the spec's own (it needs the TURN variables).
 */
import { randomUUID } from 'node:crypto';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../hostile/support/serverProcess.ts';
import { CHROMIUM_ARGS } from '../tools/chromium.ts';
import { forwards, isolatedNetwork, type IsolatedNetwork } from './isolatedNetwork.ts';
import { assertRelayPrerequisites, expectGrowing, inbound, openMember, RELAYED_ROUTE, rosterLines, TURN_ADDRESS } from './relayKit.ts';
import { startTurnServer, type TurnServer } from './turnServer.ts';

test.beforeAll(assertRelayPrerequisites);

let turn: TurnServer | undefined;
let hub: ServerProcess | undefined;
const contexts: BrowserContext[] = [];
const browsers: Browser[] = [];
const networks: IsolatedNetwork[] = [];

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus) {
    if (turn) await testInfo.attach('coturn log', { body: turn.log(), contentType: 'text/plain' });
    if (hub) await testInfo.attach('hub stderr', { body: hub.stderr(), contentType: 'text/plain' });
  }
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await Promise.all(browsers.splice(0).map((browser) => browser.close()));
  for (const network of networks.splice(0)) network.close();
  await hub?.stop();
  await turn?.stop();
  hub = turn = undefined;
});

/** coturn on 10.201.0.1, and a hub that hands out relay-only configs with credentials for it. */
async function relayOnlyHub(): Promise<{ turn: TurnServer; hub: ServerProcess }> {
  turn = await startTurnServer({ address: TURN_ADDRESS });
  hub = await startServerProcess({
    PEERSTAGE_TURN_URLS: turn.url,
    PEERSTAGE_TURN_SECRET: turn.secret,
    PEERSTAGE_ICE_TRANSPORT_POLICY: 'relay',
  });
  return { turn, hub };
}

const open = (browser: Browser, url: string): Promise<Page> => openMember(browser, url, contexts);

test('a relay-only room meets through coturn: roster, video and sound both ways, chat, and Stats say relayed by TURN', async ({
  browser,
}, testInfo) => {
  // Two stages rendering in software on two shared cores, every packet through one relay.
  // Two members, not three: the relay is proven by one pair, and a third page only adds load.
  test.setTimeout(150_000);
  const { turn, hub } = await relayOnlyHub();
  const config = await (await fetch(new URL('peerstage/config.json', hub.url))).json();
  expect(config, 'the hub publishes a relay-only policy and a TURN server with credentials of its own').toMatchObject({
    iceTransportPolicy: 'relay',
    iceServers: [{ urls: [turn.url], username: expect.stringMatching(/^\d+:/), credential: expect.any(String) }],
  });
  expect(JSON.stringify(config)).not.toContain(turn.secret);

  const room = `relay-${randomUUID().slice(0, 8)}`;
  const names = ['Ada', 'Bo'];
  const pages = await Promise.all(
    names.map((name) => open(browser, `${hub.url}?${new URLSearchParams({ room, name, media: 'synthetic' })}`)),
  );
  const people = names.map((name, index) => ({ name, page: pages[index]! }));

  await test.step('everyone connected in every roster', async () => {
    for (const { name, page } of people) {
      await expect
        .poll(() => rosterLines(page), { message: `${name}'s roster: everyone connected through the relay`, timeout: 45_000 })
        .toEqual(names.map((other) => (other === name ? `${name} (you): connected` : `${other}: connected`)).sort());
    }
  });
  await test.step('video and sound arrive every way, every connection relayed', async () => {
    for (const { name, page } of people) {
      await expectGrowing(
        async () => (await inbound(page)).videoFramesDecoded,
        `video frames decoded by ${name} (relay only, via ${turn.url})`,
      );
      await expectGrowing(async () => (await inbound(page)).audioPacketsReceived, `audio packets received by ${name}`);
      const { routes, videoFramesDecoded } = await inbound(page);
      testInfo.annotations.push({ type: 'route', description: `${name}: ${videoFramesDecoded} frames via ${routes.join(' and ')}` });
      // Every connection (data links and calls) on a pair whose both ends are coturn's relay addresses.
      expect(routes.length, `${name}'s connections with a selected pair`).toBeGreaterThanOrEqual(2);
      for (const route of routes) expect(route, `${name}'s route`).toMatch(RELAYED_ROUTE);
    }
  });
  await test.step('chat arrives', async () => {
    const text = `over the relay ${randomUUID().slice(0, 4)}`;
    await pages[0]!.getByRole('textbox', { name: 'Message' }).fill(text);
    await pages[0]!.getByRole('button', { name: 'Send' }).click();
    for (const { name, page } of people.slice(1)) {
      await expect(page.getByRole('list', { name: 'Chat' }), `${name}'s chat`).toContainText(`Ada: ${text}`);
    }
  });
  await test.step('Stats say relayed by TURN', async () => {
    // What a person sees: the hub's Stats of a member (RemotePeer.stats()) say the route is relayed.
    // A dispatched click: stages rendering in software starve the page's animation frames,
    // and speaking lights shift the row, so Playwright's wait for a stable button can outlast the test.
    await pages[1]!.getByRole('button', { name: 'Stats of Ada' }).dispatchEvent('click');
    await expect(pages[1]!.locator('output[aria-label="Ada connection stats"]'), "Bo's Stats of Ada").toContainText('relayed by TURN', {
      timeout: 10_000,
    });
  });

  // coturn itself saw allocations, each by a TURN REST username the hub minted.
  expect(turn.log(), 'coturn log: allocations by minted usernames').toMatch(/username=<\d+:[A-Za-z0-9_-]+>/);
});

/**
 * Ada and Bo, each in a Chromium inside a network of its own, open the hub at their network's
 * gateway; coturn (10.201.0.1) and the hub sit in the test's namespace, which both reach.
 */
async function membersApart(hubPort: number, room: string): Promise<Page[]> {
  return Promise.all(
    ['Ada', 'Bo'].map(async (name, index) => {
      const network = await isolatedNetwork(index + 1);
      networks.push(network);
      const origin = `http://${network.gateway}:${hubPort}`;
      // A page at an address other than localhost is no secure context (no getUserMedia) unless told.
      const browser = await chromium.launch({
        executablePath: network.chromium,
        args: [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${origin}`],
      });
      browsers.push(browser);
      return open(browser, `${origin}/?${new URLSearchParams({ room, name, media: 'synthetic' })}`);
    }),
  );
}

test.describe('members on two networks that cannot reach each other', () => {
  test.beforeAll(() => {
    if (process.getuid?.() !== 0) throw new Error("making the members' networks needs root (npm run test:e2e runs as root in CI)");
    if (forwards()) throw new Error("this namespace forwards between its links, so the members' networks would reach each other");
  });

  async function apartHub(hubSecret?: (turn: TurnServer) => string): Promise<{ turn: TurnServer; hub: ServerProcess }> {
    turn = await startTurnServer({ address: TURN_ADDRESS });
    // Any route allowed: the relay has to win because nothing else works. Listening on every
    // address of the test's namespace, which exists only for this run.
    hub = await startServerProcess({
      HOST: '0.0.0.0',
      PEERSTAGE_TURN_URLS: turn.url,
      PEERSTAGE_TURN_SECRET: hubSecret?.(turn) ?? turn.secret,
    });
    return { turn, hub };
  }

  test('meet through coturn, free to take any route: video both ways, chat, relayed', async () => {
    const testInfo = test.info();
    test.setTimeout(120_000);
    const { turn, hub } = await apartHub();
    const pages = await membersApart(hub.port, `apart-${randomUUID().slice(0, 8)}`);
    const people = [
      { name: 'Ada', page: pages[0]! },
      { name: 'Bo', page: pages[1]! },
    ];
    for (const { name, page } of people) {
      const other = name === 'Ada' ? 'Bo' : 'Ada';
      await expect
        .poll(() => rosterLines(page), { message: `${name}'s roster: ${other} connected across the networks`, timeout: 45_000 })
        .toEqual([`${name} (you): connected`, `${other}: connected`].sort());
    }
    for (const { name, page } of people) {
      await expectGrowing(
        async () => (await inbound(page)).videoFramesDecoded,
        `video frames decoded by ${name} (across networks, via ${turn.url})`,
      );
      const { routes, videoFramesDecoded } = await inbound(page);
      testInfo.annotations.push({ type: 'route', description: `${name}: ${videoFramesDecoded} frames via ${routes.join(' and ')}` });
      expect(routes.length, `${name}'s connections with a selected pair`).toBeGreaterThanOrEqual(2);
      // At least one end of every pair is coturn's: no route joins the two networks directly.
      for (const route of routes) expect(route, `${name}'s route`).toMatch(/\(relay\)/);
    }
    const text = `across the networks ${randomUUID().slice(0, 4)}`;
    await pages[0]!.getByRole('textbox', { name: 'Message' }).fill(text);
    await pages[0]!.getByRole('button', { name: 'Send' }).click();
    await expect(pages[1]!.getByRole('list', { name: 'Chat' }), "Bo's chat").toContainText(`Ada: ${text}`);
    await pages[1]!.getByRole('button', { name: 'Stats of Ada' }).dispatchEvent('click');
    await expect(pages[1]!.locator('output[aria-label="Ada connection stats"]'), "Bo's Stats of Ada").toContainText('relayed by TURN', {
      timeout: 10_000,
    });
  });

  test('never meet when coturn refuses the credentials: the relay is the only way', async () => {
    test.setTimeout(90_000);
    // The hub signs with a secret coturn does not have: every allocation is refused (401).
    const { turn, hub } = await apartHub(() => `not-the-secret-${randomUUID()}`);
    const [ada, bo] = await membersApart(hub.port, `apart-${randomUUID().slice(0, 8)}`);
    // They find each other through the hub's directory, but no connection ever forms.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      for (const page of [ada!, bo!]) {
        const { videoFramesDecoded, routes } = await inbound(page);
        expect(videoFramesDecoded, 'video frames decoded without a working relay').toBe(0);
        expect(routes, 'connections with a selected pair without a working relay').toEqual([]);
        expect((await rosterLines(page)).filter((line) => line.endsWith(': connected') && !line.includes('(you)'))).toEqual([]);
      }
      await ada!.waitForTimeout(1_000);
    }
    expect(turn.log(), 'coturn refused the allocations').toMatch(/401|Unauthorized|cannot find credentials|incorrect/i);
  });
});
