/**
 * The harness side of multi-page bench cases (bench/page/memberPages.ts): member pages in
 * browser contexts of their own, driven on the bench page's behalf. Members are Chromium
 * pages (Playwright) or Firefox pages (the stock Firefox over WebDriver BiDi, tools/firefox.ts),
 * for rooms that mix browsers.
 */
import type { Browser, Page } from 'playwright';
import type { Browser as FirefoxBrowser, EvaluateFunc } from 'puppeteer-core';
import { launchFirefox } from '../tools/firefox.ts';
import { exposeMainThreadMeter } from './mainThreadMeter.ts';
import type { BenchMember, WithBenchMember } from './page/memberApi.ts';

/** One member page, whichever browser holds it. */
interface MemberHandle {
  call(method: keyof BenchMember, args: unknown[]): Promise<unknown>;
  /** Drops this share of the page's WebRTC packets from now on (Chromium pages opened impairable). */
  setPacketLoss?(percent: number): Promise<void>;
  close(): Promise<void>;
}

/** How a Chromium member page's WebRTC sockets are held back, if at all. */
interface MemberLink {
  /** Bytes per second they send at most; -1: as fast as they can. */
  readonly uplinkBytesPerSecond: number;
  /** Whether the harness may drop their packets later (`setPacketLoss`). */
  readonly impairable: boolean;
}

/** Runs in the member page: calls its {@link BenchMember} method. */
function callBenchMember([name, values]: readonly [keyof BenchMember, unknown[]]): unknown {
  const api = (globalThis as unknown as WithBenchMember).benchMember;
  return (api[name] as (...params: unknown[]) => unknown)(...values);
}

const reportErrors = (browser: string) => (type: string, text: string) => {
  if (type === 'error') console.error(`  [${browser} member] ${text}`);
};

/**
 * A Chromium member page whose WebRTC sockets are held back as `link` says (Chromium's network
 * emulation). The emulation is set before the page loads: it applies to sockets made after
 * it, and later changes reach them only through the same DevTools session.
 */
async function openChromiumMember(browser: Browser, url: string, link: MemberLink): Promise<MemberHandle> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  let setPacketLoss: MemberHandle['setPacketLoss'];
  if (link.uplinkBytesPerSecond > 0 || link.impairable) {
    const devtools = await context.newCDPSession(page);
    // Loss and capacity act only with some latency set: 1 ms is none to speak of.
    const conditions = { offline: false, latency: 1, downloadThroughput: -1, uploadThroughput: link.uplinkBytesPerSecond };
    await devtools.send('Network.emulateNetworkConditions', conditions);
    setPacketLoss = async (percent) =>
      void (await devtools.send('Network.emulateNetworkConditions', { ...conditions, packetLoss: percent }));
  }
  page.on('console', (message) => reportErrors('chromium')(message.type(), message.text()));
  // What a member's media costs its own page (the janus suite's main-thread cases).
  await exposeMainThreadMeter(page);
  await page.goto(url);
  await page.waitForFunction(() => 'benchMember' in globalThis);
  return { call: (method, args) => page.evaluate(callBenchMember, [method, args] as const), setPacketLoss, close: () => context.close() };
}

async function openFirefoxMember(browser: FirefoxBrowser, url: string): Promise<MemberHandle> {
  const context = await browser.createBrowserContext();
  // A window each, as each person has: a second member in a tab of the same window is a
  // background tab, which Firefox throttles (no painted frames, budgeted timers): measured, its
  // joins took twice as long each round, up to 30 s.
  const page = await context.newPage({ type: 'window' });
  page.on('console', (message) => reportErrors('firefox')(message.type(), message.text()));
  await page.goto(url);
  await page.waitForFunction(() => 'benchMember' in globalThis);
  return {
    // Arguments and results are plain data, which Puppeteer's handle-aware types cannot know.
    call: (method, args) =>
      page.evaluate(callBenchMember as EvaluateFunc<[readonly [keyof BenchMember, unknown[]]]>, [method, args] as const),
    close: () => context.close(),
  };
}

/**
 * Gives `page` the functions that open member pages at `${base}bench/page/member.html`, call
 * their methods and close them; closing `page` closes them too. Of the `count` members the
 * page asks for, the last `inFirefox` open in `firefox`'s browser and the rest in Chromium.
 *
 * @example
 * ```ts
 * const firefox = lazyFirefox();
 * await exposeMemberPages(page, browser, 'http://127.0.0.1:5173/', firefox);
 * // …run the suite, then: await firefox.close();
 * ```
 */
export async function exposeMemberPages(page: Page, browser: Browser, base: string, firefox: LazyFirefox): Promise<void> {
  const url = `${base}bench/page/member.html`;
  let members: MemberHandle[] = [];
  const closeMembers = async () => {
    await Promise.all(members.splice(0).map((member) => member.close()));
  };
  page.on('close', () => void closeMembers());
  await page.exposeFunction('__openMembers', async (count: number, inFirefox: number, link: MemberLink) => {
    await closeMembers();
    members = await Promise.all(
      Array.from({ length: count }, async (_, index) =>
        index < count - inFirefox ? openChromiumMember(browser, url, link) : openFirefoxMember(await firefox.browser(), url),
      ),
    );
  });
  const member = (index: number) => {
    const found = members[index];
    if (!found) throw new Error(`no member page ${index}`);
    return found;
  };
  await page.exposeFunction('__onMember', (index: number, method: keyof BenchMember, args: unknown[]) => member(index).call(method, args));
  await page.exposeFunction('__setPacketLoss', async (index: number, percent: number) => {
    const { setPacketLoss } = member(index);
    if (!setPacketLoss) throw new Error(`member page ${index} was not opened impairable`);
    await setPacketLoss(percent);
  });
  await page.exposeFunction('__closeMembers', closeMembers);
}

/** A Firefox launched when a member first needs it (see {@link lazyFirefox}). */
export interface LazyFirefox {
  /** The browser, launching it on the first call. */
  browser(): Promise<FirefoxBrowser>;
  /** Its version, if it was launched. */
  version(): Promise<string | undefined>;
  /** Closes it, if it was launched. */
  close(): Promise<void>;
}

/**
 * One Firefox for every suite of a run, launched when a member first needs it: runs without
 * Firefox members never start it.
 *
 * @example
 * ```ts
 * const firefox = lazyFirefox();
 * const page = await (await firefox.browser()).newPage();
 * await firefox.close();
 * ```
 */
export function lazyFirefox(): LazyFirefox {
  let launched: Promise<FirefoxBrowser> | undefined;
  return {
    browser: () => (launched ??= launchFirefox()),
    version: async () => (launched ? (await launched).version() : undefined),
    close: async () => {
      const browser = await launched?.catch(() => undefined);
      launched = undefined;
      await browser?.close();
    },
  };
}
