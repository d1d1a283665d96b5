/**
 * Issue 23's room on Janus, end to end: eight members, each a browser context of its own
 * (e2e/fixtures/member.html with `janusUrl`), on a Janus of this spec's own. Everyone sees and
 * hears everyone, chat arrives once each, a closed page leaves every roster within 5 s, and a
 * restart of Janus is reported in words and survived.
 *
 * Janus binds 10.201.0.1 (`v0`), which exists only inside tools/firefoxNetwork.ts's network
 * namespace: run through `npm run test:e2e` (or `tsx tools/firefoxNetwork.ts playwright test …`).
 */
import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { hasJanus, type JanusServer, type JanusServerOptions, startJanusServer } from '../tools/janusServer.ts';
import type { ErrorReport, RosterEntry, WithMember } from './fixtures/memberApi.ts';

/** A port and media ports no other spec or test layer uses (those take 8188–8189, 20000–20399). */
const JANUS: JanusServerOptions = {
  address: '10.201.0.1',
  iceInterface: 'v0',
  port: 8288,
  rtpPorts: [20_600, 20_799],
  // Short: a session whose page went away without a word is gone within the test's time.
  sessionTimeoutS: 15,
};
/** The bound on a closed page leaving every roster. */
const LEAVE_BOUND_MS = 5_000;
/** A synthetic tone arrives near -9 dBFS RMS; silence is below -90. Far from both. */
const HEARD_FLOOR_DB = -40;
/** Generous: eight pages and a Janus on two cores that someone else is loading too. */
const SETTLED = { timeout: 60_000 } as const;

interface Person {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly console: string[];
  id: string;
}

let janus: JanusServer | undefined;
const people: Person[] = [];

// A trace's screenshots are a screencast of every page, and these pages repaint with each of
// their seven videos' frames: eight JPEG encoders on two cores. The trace keeps its DOM snapshots.
test.use({ trace: { mode: 'retain-on-failure', screenshots: false } });

test.beforeAll(async () => {
  if (!hasJanus()) throw new Error("this spec needs Debian's janus on the PATH (apt-get install janus); CI installs it");
  try {
    janus = await startJanusServer(JANUS);
  } catch (error) {
    throw new Error(`could not start Janus on ${JANUS.address} (run inside tools/firefoxNetwork.ts, as npm run test:e2e does)`, {
      cause: error,
    });
  }
});

test.afterAll(async () => {
  await janus?.stop();
});

test.afterEach(async () => {
  const testInfo = test.info();
  const open = people.splice(0);
  if (testInfo.status !== testInfo.expectedStatus) {
    for (const person of open) {
      const errors = await errorReports(person).catch((error: unknown) => String(error));
      await testInfo.attach(person.name, { body: JSON.stringify({ id: person.id, errors, console: person.console }, null, 2) });
    }
    // Without the packet-age warnings a loaded machine fills it with.
    const log = janus
      ?.log()
      .split('\n')
      .filter((line) => !line.includes('Discarding too old'));
    await testInfo.attach('janus.log', { body: log?.slice(-200).join('\n') ?? 'no Janus running' });
  }
  await Promise.all(open.map((person) => person.context.close().catch(() => undefined)));
});

function janusUrl(): string {
  if (!janus) throw new Error('Janus is not running');
  return janus.url;
}

/** Opens a member page in a context of its own and joins `room` on this spec's Janus. */
async function arrive(browser: Browser, room: string, name: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const person: Person = { name, context, page, console: [], id: '' };
  people.push(person);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') person.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => person.console.push(`uncaught: ${String(error)}`));
  await page.goto('/e2e/fixtures/member.html');
  await page.waitForFunction(() => 'member' in globalThis);
  person.id = await page.evaluate((asked) => (globalThis as unknown as WithMember).member.join(asked), {
    room,
    name,
    janusUrl: janusUrl(),
  });
  return person;
}

const roster = (person: Person): Promise<RosterEntry[]> =>
  person.page.evaluate(() => (globalThis as unknown as WithMember).member.roster());
const rosterIds = async (person: Person) => (await roster(person)).map((entry) => entry.id).sort();
const othersOf = (person: Person, everyone: readonly Person[]) =>
  everyone
    .filter((other) => other !== person)
    .map((other) => other.id)
    .sort();
const errorReports = (person: Person): Promise<ErrorReport[]> =>
  person.page.evaluate(() => (globalThis as unknown as WithMember).member.errorReports());
/** `who → whom` for each member `who` lists: the pairs a check is about. */
const pair = (viewer: Person, id: string, everyone: readonly Person[]) =>
  `${viewer.name} → ${everyone.find((other) => other.id === id)?.name ?? id}`;

async function expectRostersWhole(everyone: readonly Person[]): Promise<void> {
  for (const person of everyone) {
    await expect.poll(() => rosterIds(person), { ...SETTLED, message: `${person.name}'s roster` }).toEqual(othersOf(person, everyone));
  }
}

/** Passes once every member's video has shown frames at every other member, and more since. */
async function expectEveryoneSeen(everyone: readonly Person[]): Promise<void> {
  const frames = async () => {
    const seen = new Map<string, number>();
    for (const person of everyone) {
      for (const { id, videoFrames } of await roster(person)) seen.set(pair(person, id, everyone), videoFrames);
    }
    return seen;
  };
  const stalled = (since: ReadonlyMap<string, number>) => async () =>
    [...(await frames())].filter(([key, count]) => count <= (since.get(key) ?? 0)).map(([key]) => key);
  await expect.poll(stalled(new Map()), { ...SETTLED, message: 'videos showing no frame yet' }).toEqual([]);
  await expect.poll(stalled(await frames()), { ...SETTLED, message: 'videos whose frames stopped' }).toEqual([]);
}

/** Passes once every member hears every other above {@link HEARD_FLOOR_DB}. */
async function expectEveryoneHeard(everyone: readonly Person[]): Promise<void> {
  const unheard = async () => {
    const levels = await Promise.all(
      everyone.map((person) => person.page.evaluate(() => (globalThis as unknown as WithMember).member.audioLevels(1_000))),
    );
    return everyone.flatMap((person, index) =>
      othersOf(person, everyone)
        .filter((id) => !((levels[index]?.[id] ?? Number.NEGATIVE_INFINITY) > HEARD_FLOOR_DB))
        .map((id) => `${pair(person, id, everyone)}: ${levels[index]?.[id]?.toFixed(1)} dB`),
    );
  };
  await expect.poll(unheard, { ...SETTLED, message: `members heard below ${HEARD_FLOOR_DB} dBFS` }).toEqual([]);
}

test('eight members on Janus see and hear each other, chat arrives once each, and a closed page leaves every roster within 5 s', async ({
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const room = `janus-e2e-${randomUUID()}`;
  const names = ['ada', 'bo', 'cy', 'di', 'ed', 'flo', 'gus', 'hal'];
  const eight = await test.step('eight members join', async () => {
    const joined = await Promise.all(names.map((name) => arrive(browser, room, name)));
    await expectRostersWhole(joined);
    return joined;
  });

  await test.step('everyone sees everyone', () => expectEveryoneSeen(eight));
  await test.step('everyone hears everyone', () => expectEveryoneHeard(eight));

  await test.step('each member chats once and every other receives each message once', async () => {
    await Promise.all(
      eight.map((person) =>
        person.page.evaluate((text) => (globalThis as unknown as WithMember).member.send({ text }), `hello from ${person.name}`),
      ),
    );
    const received = (person: Person) =>
      person.page.evaluate(() => (globalThis as unknown as WithMember).member.received().map(({ from, data }) => ({ from, data })));
    for (const person of eight) await expect.poll(async () => (await received(person)).length, SETTLED).toBeGreaterThanOrEqual(7);
    // A duplicate would come later than the first copy: give it time to show before counting.
    await eight[0]?.page.waitForTimeout(2_000);
    for (const person of eight) {
      const expected = eight
        .filter((other) => other !== person)
        .map((other) => ({ from: other.id, data: { text: `hello from ${other.name}` } }));
      const byFrom = (a: { from: string }, b: { from: string }) => a.from.localeCompare(b.from);
      expect((await received(person)).sort(byFrom), `what ${person.name} received`).toEqual(expected.sort(byFrom));
    }
  });

  await test.step('a closed page leaves every roster within 5 s', async () => {
    const leaving = eight.at(-1) as Person;
    const staying = eight.slice(0, -1);
    const closedAt = Date.now();
    // What a closed tab does: the page goes without a word to the room.
    await leaving.context.close();
    const closeMs = Date.now() - closedAt;
    people.splice(people.indexOf(leaving), 1);
    for (const person of staying) {
      // Past the bound, so that a slow leave is measured and reported rather than cut short.
      await expect
        .poll(() => rosterIds(person), { timeout: 4 * LEAVE_BOUND_MS, intervals: [100], message: `${person.name}'s roster` })
        .toEqual(othersOf(person, staying));
    }
    const droppedAt = await Promise.all(
      staying.map((person) => person.page.evaluate((id) => (globalThis as unknown as WithMember).member.departedAt(id), leaving.id)),
    );
    const delays = droppedAt.map((at) => (at ?? Number.POSITIVE_INFINITY) - closedAt);
    const leaveMs = Math.max(...delays);
    const description =
      `${leaving.name}'s closed page left all ${staying.length} rosters ${leaveMs} ms after the close ` +
      `(each: ${delays.join(', ')} ms; context.close() took ${closeMs} ms)`;
    console.log(description);
    testInfo.annotations.push({ type: 'leave', description });
    expect(leaveMs, description).toBeLessThanOrEqual(LEAVE_BOUND_MS);
    // Only the closed page left anybody's roster on the way.
    for (const person of staying) {
      expect(await person.page.evaluate(() => (globalThis as unknown as WithMember).member.departures()), person.name).toEqual([
        leaving.id,
      ]);
    }
  });
});

test('a restart of Janus is reported in words, and the room comes back whole with the same members and media', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const room = `janus-e2e-${randomUUID()}`;
  const three = await Promise.all(['ada', 'bo', 'cy'].map((name) => arrive(browser, room, name)));
  await expectRostersWhole(three);
  await expectEveryoneSeen(three);

  const restartedAt = Date.now();
  await janus?.stop();
  janus = await startJanusServer(JANUS);
  testInfo.annotations.push({ type: 'restart', description: `Janus stopped and started again in ${Date.now() - restartedAt} ms` });

  for (const person of three) {
    const lost = async () =>
      (await errorReports(person)).filter(
        ({ reason, message }) => reason === 'signaling-unavailable' && /lost the Janus server.*joining again/.test(message),
      );
    await expect
      .poll(async () => (await lost()).length, { ...SETTLED, message: `${person.name} reports the lost server` })
      .toBeGreaterThan(0);
    const [report] = await lost();
    testInfo.annotations.push({ type: 'reported', description: `${person.name}: ${report?.reason}: ${report?.message}` });
  }
  // The same member IDs as before the restart: the rooms' rosters are whole with them again.
  await expectRostersWhole(three);
  const description = `the room was whole again ${Date.now() - restartedAt} ms after the restart began`;
  console.log(description);
  testInfo.annotations.push({ type: 'rejoined', description });
  await expectEveryoneSeen(three);
  await expectEveryoneHeard(three);
});
