/**
 * A path killed and restored mid-session: Ada and Bo talk in a relay-only room, the spec kills
 * coturn (their only path: media stops both ways), holds it down, and starts it again. Each
 * connection's dialing side restarts ICE through the signaling server (src/rtc/IceRestarts.ts)
 * on the very connection it had: nobody leaves a roster, no connection is made anew, media
 * resumes, and a chat message sent while the path was down arrives once.
 *
 * Run through tools/firefoxNetwork.ts (as `npm run test:e2e` does): coturn listens on
 * 10.201.0.1, which exists only inside its namespace.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../hostile/support/serverProcess.ts';
import { assertRelayPrerequisites, expectGrowing, inbound, openMember, rosterLines, TURN_ADDRESS } from './relayKit.ts';
import { startTurnServer, type TurnServer } from './turnServer.ts';

test.beforeAll(assertRelayPrerequisites);

/** A selected pair whose local end is coturn's relay address. */
const RELAYED_LOCAL_END = /^10\.201\.0\.1:\d+ \(relay\) → /;

/** How long the path stays down: past ICE's `disconnected` and several restarts that find nothing. */
const OUTAGE_MS = 10_000;

let turn: TurnServer | undefined;
let hub: ServerProcess | undefined;
const contexts: BrowserContext[] = [];

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus) {
    if (turn) await testInfo.attach('coturn log', { body: turn.log(), contentType: 'text/plain' });
    if (hub) await testInfo.attach('hub stderr', { body: hub.stderr(), contentType: 'text/plain' });
  }
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await hub?.stop();
  await turn?.stop();
  hub = turn = undefined;
});

/** How many RTCPeerConnections `page` has made so far (mediaProbe.ts counts them). */
const connectionsMade = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as unknown as { __mediaProbe: { made: unknown[] } }).__mediaProbe.made.length);

/** The names in `page`'s roster. */
const rosterNames = async (page: Page): Promise<string[]> => (await rosterLines(page)).map((line) => line.slice(0, line.lastIndexOf(':')));

/** Resolves with the ms from now until `page` decodes video frames beyond `after`. */
async function msUntilFramesPast(page: Page, after: number): Promise<number> {
  const start = Date.now();
  await expect.poll(async () => (await inbound(page)).videoFramesDecoded, { timeout: 30_000, intervals: [100] }).toBeGreaterThan(after);
  return Date.now() - start;
}

test('a relay killed and started again mid-session: ICE restarts on the same connections, nobody leaves, media and chat carry on', async ({
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  turn = await startTurnServer({ address: TURN_ADDRESS });
  hub = await startServerProcess({
    PEERSTAGE_TURN_URLS: turn.url,
    PEERSTAGE_TURN_SECRET: turn.secret,
    PEERSTAGE_ICE_TRANSPORT_POLICY: 'relay',
  });
  const room = `path-${randomUUID().slice(0, 8)}`;
  const names = ['Ada', 'Bo'];
  const [ada, bo] = await Promise.all(
    names.map((name) => openMember(browser, `${hub!.url}?${new URLSearchParams({ room, name, media: 'synthetic' })}`, contexts)),
  );
  const people = [
    { name: 'Ada', page: ada! },
    { name: 'Bo', page: bo! },
  ];

  for (const { name, page } of people) {
    await expect
      .poll(() => rosterLines(page), { message: `${name}'s roster`, timeout: 45_000 })
      .toEqual(names.map((other) => (other === name ? `${name} (you): connected` : `${other}: connected`)).sort());
    await expectGrowing(async () => (await inbound(page)).videoFramesDecoded, `video frames decoded by ${name} through the relay`);
  }
  const madeBefore = await Promise.all(people.map(({ page }) => connectionsMade(page)));

  const secret = turn.secret;
  await turn.stop();
  const killedAt = Date.now();
  await test.step('the path is down: video stops both ways', async () => {
    for (const { name, page } of people) {
      await expect
        .poll(
          async () => {
            const before = (await inbound(page)).videoFramesDecoded;
            await page.waitForTimeout(1_500);
            return (await inbound(page)).videoFramesDecoded - before;
          },
          { message: `video frames ${name} decodes with coturn gone`, timeout: 15_000 },
        )
        .toBe(0);
    }
  });

  const text = `sent while the path was down ${randomUUID().slice(0, 4)}`;
  await ada!.getByRole('textbox', { name: 'Message' }).fill(text);
  await ada!.getByRole('button', { name: 'Send' }).click();

  await test.step('nobody leaves a roster while the path is down', async () => {
    while (Date.now() - killedAt < OUTAGE_MS) {
      for (const { name, page } of people)
        expect(await rosterNames(page), `${name}'s roster with the path down`).toEqual(
          ['Ada', 'Bo'].map((n) => (n === name ? `${n} (you)` : n)).sort(),
        );
      await ada!.waitForTimeout(500);
    }
  });

  const framesAtReturn = await Promise.all(people.map(async ({ page }) => (await inbound(page)).videoFramesDecoded));
  turn = await startTurnServer({ address: TURN_ADDRESS, secret });
  await test.step('the path is back: video flows again both ways, through the relay', async () => {
    const resumedMs = await Promise.all(people.map(({ page }, index) => msUntilFramesPast(page, framesAtReturn[index]!)));
    testInfo.annotations.push({
      type: 'resumed',
      description: people.map(({ name }, index) => `${name}: ${resumedMs[index]} ms after coturn answered again`).join(', '),
    });
    for (const { name, page } of people) {
      const { routes } = await inbound(page);
      // This side's end is its relay; the far end may first show as peer-reflexive (its check
      // came in before the answer that lists it), and its address is then not shown.
      for (const route of routes) expect(route, `${name}'s route after the restart`).toMatch(RELAYED_LOCAL_END);
    }
  });

  await test.step('the message sent meanwhile arrives once', async () => {
    await expect(bo!.getByRole('list', { name: 'Chat' }).getByText(`Ada: ${text}`), "Bo's chat").toHaveCount(1, { timeout: 10_000 });
  });

  await test.step('the same connections carried on: none made anew, nobody left', async () => {
    expect(await Promise.all(people.map(({ page }) => connectionsMade(page))), 'connections made by Ada and Bo').toEqual(madeBefore);
    for (const { name, page } of people) {
      await expect
        .poll(() => rosterLines(page), { message: `${name}'s roster after the restart`, timeout: 10_000 })
        .toEqual(names.map((other) => (other === name ? `${name} (you): connected` : `${other}: connected`)).sort());
    }
  });
});
