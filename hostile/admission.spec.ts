/**
 * A stranger who knows a room's name dials a member and plays the handshake's opening: it
 * must get nothing to guess the passphrase against, and learn nobody's name.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { admissionKey, directoryLock } from '../src/room/admission.ts';
import { PROTOCOL_VERSION } from '../src/room/protocol.ts';
import { findMemberToDial, openHostilePage, type HostilePage } from './support/hostilePage.ts';

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function member(browser: Browser, room: string, name: string, passphrase?: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  if (passphrase === undefined) await page.goto(`/?${new URLSearchParams({ room, name, media: 'none' })}`);
  else {
    // A link carries no passphrase: it is typed into the join form.
    await page.goto(`/?${new URLSearchParams({ room })}`);
    await page.getByRole('textbox', { name: 'Your name' }).fill(name);
    await page.getByRole('radio', { name: 'Nothing (watch and listen)' }).check();
    await page.getByLabel('Passphrase (optional)').fill(passphrase);
    await page.getByRole('button', { name: 'Join' }).click();
  }
  await expect(page.getByRole('list', { name: 'People in the room' }).getByText(`${name} (you)`)).toBeVisible({ timeout: 15_000 });
  return page;
}

/**
 * Dials `peerId` on `label`, sends `messages` (JSON text, as room channels carry it) as soon
 * as the channel opens, and returns everything the member sent in the `listenMs` after.
 */
function dialAndListen(
  stranger: HostilePage,
  peerId: string,
  label: string,
  messages: readonly unknown[],
  listenMs: number,
): Promise<unknown[]> {
  return stranger.page.evaluate(
    ({ port, peerId, label, messages, listenMs }) =>
      new Promise<unknown[]>((resolveHeard, reject) => {
        const { Peer } = (globalThis as unknown as { peerjs: typeof import('peerjs') }).peerjs;
        const peer = new Peer({ host: '127.0.0.1', port, path: '/peerjs', config: { iceServers: [] }, debug: 0 });
        const heard: unknown[] = [];
        peer.once('error', reject);
        peer.once('open', () => {
          const connection = peer.connect(peerId, { label, serialization: 'raw', reliable: true });
          connection.on('data', (data) => heard.push(typeof data === 'string' ? JSON.parse(data) : '(binary)'));
          connection.once('error', reject);
          connection.once('open', () => {
            for (const message of messages) void connection.send(JSON.stringify(message));
            setTimeout(() => {
              peer.destroy();
              resolveHeard(heard);
            }, listenMs);
          });
        });
      }),
    { port: stranger.port, peerId, label, messages, listenMs },
  );
}

/** The opening a member would send, as this version of the protocol spells it, with a challenge the stranger chose. */
const strangersHello = (room: string) => ({ v: PROTOCOL_VERSION, t: 'hello', room, name: 'Mallory', nonce: 'chosen-by-mallory' });

for (const passphrase of [undefined, 'open sesame']) {
  const kind = passphrase === undefined ? 'an open room' : 'a passphrase room';
  test(`in ${kind}, a member answers a stranger's hello with nothing but its own hello: no proof, no name`, async ({
    browser,
    baseURL,
  }) => {
    const room = `proof-${randomUUID().slice(0, 8)}`;
    await member(browser, room, 'Victim', passphrase);
    const stranger = await openHostilePage(browser, baseURL!);
    contexts.push(stranger.context);
    // A passphrase room's members are listed only under its lock: this stranger has it
    // without the passphrase (as the signaling server's operator sees it, say), and so the
    // member's ID: what it must still never get is anything to guess the passphrase against.
    const lock = await directoryLock(await admissionKey(room, passphrase));
    const target = await findMemberToDial(stranger, room, lock);
    const heard = await dialAndListen(stranger, target.peerId, target.labels[0]!, [strangersHello(room)], 2_000);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.map((message) => (message as { t?: unknown }).t)).toEqual(['hello']);
    expect(JSON.stringify(heard)).not.toContain('Victim');
  });
}
