/**
 * Who may open signaling sockets, and how many: another web site's page open in a visitor's
 * browser may not (its Origin is refused), and one address holds at most the server's cap
 * (src/server/connectionCaps.ts) — the sockets past it are refused with 429, not kept.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { DEFAULT_MAX_SOCKETS_PER_ADDRESS } from '../src/server/connectionCaps.ts';
import { serveOtherSite } from './support/otherSite.ts';
import { startServerProcess, type ServerProcess } from './support/serverProcess.ts';

let server: ServerProcess | undefined;
const sockets: WebSocket[] = [];
test.afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.stop();
  server = undefined;
});

/** Opens a signaling socket from this process (no Origin: not a browser) and says what came of it. */
function openSignaling(port: number): Promise<'open' | number> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/peerjs/peerjs?key=peerjs&id=${randomUUID()}&token=t`);
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('message', () => resolve('open'));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

test("another site's page in a visitor's browser cannot open a signaling socket; the hub's own page can", async ({ browser, baseURL }) => {
  const hub = new URL(baseURL!);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    /** Opens the hub's signaling socket from the page and says whether it opened. */
    const tryFrom = (pageUrl: string) =>
      page.goto(pageUrl).then(() =>
        page.evaluate(
          (socketUrl) =>
            new Promise<string>((resolve) => {
              const socket = new WebSocket(socketUrl);
              socket.onmessage = () => {
                resolve('open');
                socket.close();
              };
              socket.onclose = () => resolve('refused');
            }),
          `ws://${hub.host}/peerjs/peerjs?key=peerjs&id=${randomUUID()}&token=t`,
        ),
      );
    // Another site: another origin on this same machine.
    const otherSite = await serveOtherSite('<p>another site</p>');
    try {
      expect(await tryFrom(otherSite.origin)).toBe('refused');
    } finally {
      await otherSite.close();
    }
    expect(await tryFrom(`${hub.origin}/`)).toBe('open');
  } finally {
    await context.close();
  }
});

test(`one address holds ${DEFAULT_MAX_SOCKETS_PER_ADDRESS} signaling sockets at most: the others are refused with 429, and a closed one frees its place`, async () => {
  test.setTimeout(240_000); // the server builds the hub first when the build is stale
  server = await startServerProcess();
  const port = server.port;
  const outcomes = await Promise.all(Array.from({ length: DEFAULT_MAX_SOCKETS_PER_ADDRESS + 36 }, () => openSignaling(port)));
  expect(outcomes.filter((outcome) => outcome === 'open')).toHaveLength(DEFAULT_MAX_SOCKETS_PER_ADDRESS);
  expect(outcomes.filter((outcome) => outcome !== 'open')).toEqual(Array(36).fill(429));
  // Pages are still served to the same address.
  expect((await fetch(server.url)).status).toBe(200);

  const open = sockets.filter((socket) => socket.readyState === WebSocket.OPEN);
  open[0]!.close();
  await expect.poll(() => openSignaling(port)).toBe('open');
});
