/**
 * Rooms with several people, each in a browser context of their own, against the dev
 * server's embedded PeerServer (or, where the server must go away, one of the spec's own).
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SignalingProcess } from '../tools/signalingProcess.ts';
import type { JoinRequest, RosterEntry, WithMember } from './fixtures/memberApi.ts';

interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  id: string;
}

const people: Person[] = [];
test.afterEach(async () => {
  await Promise.all(people.splice(0).map((person) => person.context.close()));
});

async function join(page: Page, request: JoinRequest): Promise<string> {
  await page.goto('/e2e/fixtures/member.html');
  await page.waitForFunction(() => 'member' in globalThis);
  return page.evaluate((asked) => (globalThis as unknown as WithMember).member.join(asked), request);
}

async function arrive(browser: Browser, request: JoinRequest): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const person: Person = { context, page, id: '' };
  people.push(person);
  person.id = await join(page, request);
  return person;
}

const roster = (person: Person): Promise<RosterEntry[]> =>
  person.page.evaluate(() => (globalThis as unknown as WithMember).member.roster());
const rosterIds = async (person: Person) => (await roster(person)).map((entry) => entry.id).sort();
const othersOf = (person: Person, everyone: Person[]) =>
  everyone
    .filter((other) => other !== person)
    .map((other) => other.id)
    .sort();

test('four people see each other’s live video, and messages arrive once each', async ({ browser }) => {
  const room = `e2e-${randomUUID()}`;
  const four = await Promise.all(['ada', 'bo', 'cy', 'di'].map((name) => arrive(browser, { room, name })));

  for (const person of four) {
    await expect.poll(async () => (await roster(person)).filter((entry) => entry.videoPlaying).length, { timeout: 15_000 }).toBe(3);
    expect(await rosterIds(person)).toEqual(othersOf(person, four));
  }

  const [ada, bo, cy, di] = four as [Person, Person, Person, Person];
  await ada.page.evaluate((to) => {
    const { member } = globalThis as unknown as WithMember;
    member.send({ text: 'to everyone' });
    member.send({ text: 'to bo alone' }, to);
  }, bo.id);
  await expect.poll(() => bo.page.evaluate(() => (globalThis as unknown as WithMember).member.received().length)).toBe(2);
  await cy.page.waitForTimeout(500);
  expect(await bo.page.evaluate(() => (globalThis as unknown as WithMember).member.received())).toEqual([
    { from: ada.id, data: { text: 'to everyone' } },
    { from: ada.id, data: { text: 'to bo alone' }, direct: true },
  ]);
  for (const other of [cy, di]) {
    expect(await other.page.evaluate(() => (globalThis as unknown as WithMember).member.received())).toEqual([
      { from: ada.id, data: { text: 'to everyone' } },
    ]);
  }
});

test('a closed page leaves everyone’s roster within 5 s; a reload rejoins without a ghost', async ({ browser }) => {
  const room = `e2e-${randomUUID()}`;
  const four = await Promise.all(['ada', 'bo', 'cy', 'di'].map((name) => arrive(browser, { room, name, media: false })));
  for (const person of four) await expect.poll(() => rosterIds(person), { timeout: 15_000 }).toEqual(othersOf(person, four));
  const [ada, bo, cy, di] = four as [Person, Person, Person, Person];

  await di.page.close();
  for (const person of [ada, bo, cy]) {
    // Polled often: the poll's own back-off would otherwise eat a second of the 5.
    await expect.poll(() => rosterIds(person), { timeout: 5_000, intervals: [100] }).toEqual(othersOf(person, [ada, bo, cy]));
  }

  const oldCyId = cy.id;
  await cy.page.reload();
  cy.id = await join(cy.page, { room, name: 'cy', media: false });
  expect(cy.id).not.toBe(oldCyId);
  for (const person of [ada, bo, cy]) {
    await expect.poll(() => rosterIds(person), { timeout: 15_000 }).toEqual(othersOf(person, [ada, bo, cy]));
  }
});

test('six people joining at the same instant end with exactly 15 links', async ({ browser }) => {
  const room = `e2e-${randomUUID()}`;
  const contexts = await Promise.all(Array.from({ length: 6 }, () => browser.newContext()));
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  for (const [index, page] of pages.entries()) people.push({ context: contexts[index]!, page, id: '' });
  await Promise.all(pages.map((page) => page.goto('/e2e/fixtures/member.html')));
  await Promise.all(pages.map((page) => page.waitForFunction(() => 'member' in globalThis)));
  // Every page starts joining in the same moment.
  const ids = await Promise.all(
    pages.map((page, index) =>
      page.evaluate((asked) => (globalThis as unknown as WithMember).member.join(asked), { room, name: `p${index}`, media: false }),
    ),
  );
  for (const [index, person] of people.entries()) person.id = ids[index]!;
  for (const person of people) await expect.poll(() => rosterIds(person), { timeout: 20_000 }).toEqual(othersOf(person, people));

  const linksPerPage = () =>
    Promise.all(pages.map((page) => page.evaluate(() => (globalThis as unknown as WithMember).member.openDataConnections())));
  await expect.poll(linksPerPage, { timeout: 15_000 }).toEqual([5, 5, 5, 5, 5, 5]);
  expect((await linksPerPage()).reduce((sum, links) => sum + links, 0) / 2).toBe(15);
});

test('a signaling restart mid-session leaves the room working', async ({ browser }) => {
  const signaling = new SignalingProcess();
  const signalingPort = await signaling.start();
  try {
    const room = `e2e-${randomUUID()}`;
    const three = await Promise.all(['ada', 'bo', 'cy'].map((name) => arrive(browser, { room, name, signalingPort, media: false })));
    for (const person of three) await expect.poll(() => rosterIds(person), { timeout: 15_000 }).toEqual(othersOf(person, three));
    const [ada, bo] = three as [Person, Person, Person];

    await signaling.restart();
    await ada.page.evaluate(() => (globalThis as unknown as WithMember).member.send('after the restart'));
    await expect
      .poll(() => bo.page.evaluate(() => (globalThis as unknown as WithMember).member.received().map((message) => message.data)))
      .toEqual(['after the restart']);

    const di = await arrive(browser, { room, name: 'di', signalingPort, media: false });
    const four = [...three, di];
    for (const person of four) await expect.poll(() => rosterIds(person), { timeout: 20_000 }).toEqual(othersOf(person, four));
    // Nobody dropped anybody on the way: links outlive the outage, those that newcomers made
    // with the directory's holder (Ada, first in) on its rendezvous session included.
    for (const person of three) {
      expect(await person.page.evaluate(() => (globalThis as unknown as WithMember).member.departures())).toEqual([]);
    }
  } finally {
    await signaling.stop();
  }
});
