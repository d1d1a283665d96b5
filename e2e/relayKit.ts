/**
 * What the specs of rooms through a relay share: where the test's coturn lives, how a relayed
 * route reads, what the specs need of the machine, and how they read a member's hub page.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { hasTurnserver } from '../src/server/turnHint.ts';
import { readHubView } from './hubView.ts';
import { installMediaProbe, readInboundMedia, type InboundMedia } from './mediaProbe.ts';
import { hasAddress } from './turnServer.ts';

/** The near end of tools/firefoxNetwork.ts's veth pair, where the specs' coturn listens and relays. */
export const TURN_ADDRESS = '10.201.0.1';
/** A selected candidate pair whose both ends are coturn's relay addresses, as readInboundMedia writes it. */
export const RELAYED_ROUTE = /^10\.201\.0\.1:\d+ \(relay\) → 10\.201\.0\.1:\d+ \(relay\)$/;

/**
 * Throws, in words, when the machine lacks what a relay spec needs. What it needs is part of
 * the set-up (.ci/run installs coturn; npm run test:e2e runs in tools/firefoxNetwork.ts), so a
 * spec missing it fails rather than passing by skipping.
 */
export function assertRelayPrerequisites(): void {
  if (!hasTurnserver()) throw new Error('the relay spec needs coturn: sudo apt-get install coturn');
  if (!hasAddress(TURN_ADDRESS))
    throw new Error(`the relay spec needs ${TURN_ADDRESS}: run it through tools/firefoxNetwork.ts as root (npm run test:e2e)`);
}

/** Opens `url` in a context of its own (added to `contexts`, for the spec to close), with the media probe in. */
export async function openMember(browser: Browser, url: string, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  await context.addInitScript(installMediaProbe);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** What `page` has received, summed over its connections (see mediaProbe.ts). */
export const inbound = (page: Page): Promise<InboundMedia> => page.evaluate(readInboundMedia);

/** The roster as `name: state` lines, sorted. */
export const rosterLines = async (page: Page) =>
  (await page.evaluate(readHubView)).roster.map(({ name, state }) => `${name}: ${state}`).sort();

/** Passes once `read` has grown past what it read first (and that was above 0). */
export async function expectGrowing(read: () => Promise<number>, what: string): Promise<void> {
  await expect.poll(read, { message: `${what} above 0`, timeout: 30_000 }).toBeGreaterThan(0);
  const first = await read();
  await expect.poll(read, { message: `${what} still growing`, timeout: 10_000 }).toBeGreaterThan(first);
}
