/**
 * Rooms that mix browsers: Chromium people (Playwright) and Firefox people (the stock
 * firefox-esr over WebDriver BiDi, ./firefoxPerson.ts) in one room. Each check runs both
 * ways, so a Firefox member whose media, sound or analysis is broken fails it: Chromium must
 * decode Firefox's video and hear it speak, and Firefox must do the same for Chromium.
 *
 * Firefox's ICE needs a non-loopback interface with a default route: run this spec through
 * `tsx tools/firefoxNetwork.ts` (as `npm run test:e2e` does).
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import { SignalingProcess } from '../tools/signalingProcess.ts';
import { FirefoxPeople } from './firefoxPerson.ts';
import type { JoinRequest, RosterEntry, WithMember } from './fixtures/memberApi.ts';
import { readHubView, type HubView } from './hubView.ts';
import { readInboundMedia, type InboundMedia } from './mediaProbe.ts';
import { openChromiumMember, type MemberPage } from './memberPage.ts';

const firefox = new FirefoxPeople();
const members: MemberPage[] = [];

test.afterEach(async () => {
  const testInfo = test.info();
  const open = members.splice(0);
  if (testInfo.status !== testInfo.expectedStatus) {
    // What each browser said and which route its connections took: the first questions when
    // Firefox and Chromium fail to meet.
    for (const member of open) {
      const inbound = await member.evaluate(readInboundMedia, undefined).catch((error: unknown) => String(error));
      const body = JSON.stringify({ inbound, console: member.console }, null, 2);
      await testInfo.attach(member.label, { body, contentType: 'application/json' });
    }
  }
  await Promise.all(open.map((member) => member.close().catch(() => undefined)));
});
test.afterAll(() => firefox.close());

async function arrive(opening: Promise<MemberPage>): Promise<MemberPage> {
  const member = await opening;
  members.push(member);
  return member;
}

const view = (member: MemberPage): Promise<HubView> => member.evaluate(readHubView, undefined);
const inbound = (member: MemberPage): Promise<InboundMedia> => member.evaluate(readInboundMedia, undefined);
/** The roster as `name: state` lines, sorted. */
const rosterLines = async (member: MemberPage) => (await view(member)).roster.map(({ name, state }) => `${name}: ${state}`).sort();
const speakers = async (member: MemberPage) =>
  (await view(member)).roster
    .filter((row) => row.speaking)
    .map((row) => row.name)
    .sort();

/** Passes once `read` has grown past what it read first (and that was above 0). */
async function expectGrowing(read: () => Promise<number>, what: string): Promise<void> {
  await expect.poll(read, { message: `${what} above 0`, timeout: 30_000 }).toBeGreaterThan(0);
  const first = await read();
  await expect.poll(read, { message: `${what} still growing`, timeout: 10_000 }).toBeGreaterThan(first);
}

test('a Firefox and a Chromium member meet in the hub: roster, video, chat and speaking both ways, and a leave', async ({
  browser,
}, testInfo) => {
  // Two stages rendering in software on two cores, one of them Firefox under Xvfb.
  test.setTimeout(180_000);
  const room = `mixed-${randomUUID().slice(0, 8)}`;
  const link = (name: string) => `${HUB_URL}/?${new URLSearchParams({ room, name, media: 'synthetic' })}`;
  const [ada, fox] = await Promise.all([arrive(openChromiumMember(browser, 'Ada', link('Ada'))), arrive(firefox.open('Fox', link('Fox')))]);
  const pairs = [
    { me: ada, myName: 'Ada', other: fox, otherName: 'Fox' },
    { me: fox, myName: 'Fox', other: ada, otherName: 'Ada' },
  ];

  for (const { me, myName, otherName } of pairs) {
    await expect
      .poll(() => rosterLines(me), { message: `${me.label}'s roster`, timeout: 30_000 })
      .toEqual([`${myName} (you): connected`, `${otherName}: connected`].sort());
  }

  // Each side decodes the other's video and receives its sound, and keeps doing so.
  for (const { me, other } of pairs) {
    await expectGrowing(async () => (await inbound(me)).videoFramesDecoded, `video frames from ${other.label} decoded by ${me.label}`);
    await expectGrowing(async () => (await inbound(me)).audioPacketsReceived, `audio packets from ${other.label} received by ${me.label}`);
  }
  for (const member of [ada, fox]) {
    const { videoFramesDecoded, audioPacketsReceived, routes } = await inbound(member);
    const description = `${member.label}: ${videoFramesDecoded} frames decoded, ${audioPacketsReceived} audio packets, via ${routes.join(' and ')}`;
    testInfo.annotations.push({ type: 'media', description });
  }

  for (const { me, myName, other } of pairs) {
    const text = `hello from ${me.label} <b>not bold</b>`;
    await me.fill('Message', text);
    await me.clickButton('Send');
    await expect.poll(async () => (await view(other)).chat, { message: `${other.label}'s chat` }).toContain(`${myName}: ${text}`);
  }

  // After a gesture on each page (browsers start sound only then), each member hears itself
  // and the other: the synthetic tone is analysed from the remote stream, across browsers.
  await ada.gesture();
  await fox.gesture();
  for (const { me, myName, otherName } of pairs) {
    await expect
      .poll(() => speakers(me), { message: `who ${me.label} sees speaking`, timeout: 30_000 })
      .toEqual([`${myName} (you)`, otherName].sort());
  }

  await fox.clickButton('Leave');
  await expect.poll(async () => (await view(fox)).inRoom, { message: 'Fox back on the join screen' }).toBe(false);
  await expect
    .poll(() => rosterLines(ada), { message: `${ada.label}'s roster after Fox left`, timeout: 10_000 })
    .toEqual(['Ada (you): connected']);
});

test('a room of Firefox and Chromium members carries on through a signaling restart, and closed tabs leave it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const signaling = new SignalingProcess();
  const signalingPort = await signaling.start();
  try {
    const room = `mixed-${randomUUID()}`;
    const page = `${baseURL}/e2e/fixtures/member.html`;
    const join = async (opening: Promise<MemberPage>, request: JoinRequest) => {
      const member = await arrive(opening);
      await expect.poll(() => member.evaluate(() => 'member' in globalThis, undefined)).toBe(true);
      const id = await member.evaluate((asked) => (globalThis as unknown as WithMember).member.join(asked), request);
      return { member, id };
    };
    const roster = (member: MemberPage): Promise<RosterEntry[]> =>
      member.evaluate(() => (globalThis as unknown as WithMember).member.roster(), undefined);
    /** The other members this one sees, and whether each one's video plays. */
    const seen = async (member: MemberPage) =>
      (await roster(member)).map(({ id, videoPlaying }) => `${id}${videoPlaying ? '' : ' (no video)'}`).sort();
    const received = (member: MemberPage) =>
      member.evaluate(() => (globalThis as unknown as WithMember).member.received().map((message) => message.data), undefined);

    // Firefox first in: it holds the room's rendezvous ID, through the restart as well.
    const fox = await join(firefox.open('Fox', page), { room, name: 'fox', signalingPort });
    const ada = await join(openChromiumMember(browser, 'Ada', page), { room, name: 'ada', signalingPort });
    await expect.poll(() => seen(fox.member), { timeout: 30_000 }).toEqual([ada.id]);
    await expect.poll(() => seen(ada.member), { timeout: 30_000 }).toEqual([fox.id]);

    await signaling.restart();
    await fox.member.evaluate(() => (globalThis as unknown as WithMember).member.send('from firefox after the restart'), undefined);
    await ada.member.evaluate(() => (globalThis as unknown as WithMember).member.send('from chromium after the restart'), undefined);
    await expect.poll(() => received(ada.member)).toEqual(['from firefox after the restart']);
    await expect.poll(() => received(fox.member)).toEqual(['from chromium after the restart']);

    // A newcomer after the restart finds the room through Firefox's rendezvous session.
    const cy = await join(openChromiumMember(browser, 'Cy', page), { room, name: 'cy', signalingPort });
    await expect.poll(() => seen(fox.member), { timeout: 30_000 }).toEqual([ada.id, cy.id].sort());
    await expect.poll(() => seen(ada.member), { timeout: 30_000 }).toEqual([fox.id, cy.id].sort());
    await expect.poll(() => seen(cy.member), { timeout: 30_000 }).toEqual([fox.id, ada.id].sort());
    for (const { member } of [fox, ada]) {
      expect(await member.evaluate(() => (globalThis as unknown as WithMember).member.departures(), undefined)).toEqual([]);
    }

    // A closed Chromium tab leaves Firefox's roster as promptly as Chromium's…
    await cy.member.close();
    for (const [{ member }, stayed] of [
      [fox, ada],
      [ada, fox],
    ] as const) {
      // Polled often: the poll's own back-off would otherwise eat a second of the 5.
      await expect
        .poll(() => seen(member), { message: `${member.label} drops the closed tab`, timeout: 5_000, intervals: [100] })
        .toEqual([stayed.id]);
    }
    // And a closed Firefox tab leaves Chromium's.
    await fox.member.close();
    await expect
      .poll(() => seen(ada.member), { message: `${ada.member.label} drops the closed Firefox tab`, timeout: 5_000, intervals: [100] })
      .toEqual([]);
  } finally {
    await signaling.stop();
  }
});
