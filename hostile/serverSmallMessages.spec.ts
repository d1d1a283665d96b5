/**
 * Frames under the size cap can still carry a flood: the PeerServer keeps every message for an
 * ID that is not registered (for up to its expire timeout, in case it comes), and queues every
 * message for a registered client that does not read its socket. A stranger sending legal
 * 60 KiB messages as fast as it can, either way, is cut off (src/server/guardSignalingSocket.ts)
 * before the server grows by more than a flood of big frames may.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { startServerProcess, type ServerProcess } from './support/serverProcess.ts';

/** What the flooder sends: 200 MiB in all, in legal messages of 60 KiB. */
const MESSAGE_PAYLOAD = 'a'.repeat(60 * 1024);
const MESSAGES = 3_400;
const ALLOWED_GROWTH_BYTES = 50 * 1000 * 1000;

let server: ServerProcess | undefined;
const sockets: WebSocket[] = [];
test.afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.stop();
  server = undefined;
});

async function register(port: number, id: string = randomUUID()): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/peerjs/peerjs?key=peerjs&id=${id}&token=t`);
  sockets.push(socket);
  socket.on('error', () => undefined);
  const [opening] = await once(socket, 'message');
  expect(JSON.parse(String(opening))).toEqual({ type: 'OPEN' });
  return socket;
}

/**
 * Sends `MESSAGES` messages, each to `destination(i)`, as fast as the socket takes them, and
 * resolves with how many went out before the socket closed.
 */
async function flood(socket: WebSocket, destination: (index: number) => string): Promise<number> {
  let sent = 0;
  for (; sent < MESSAGES && socket.readyState === WebSocket.OPEN; sent++) {
    socket.send(JSON.stringify({ type: 'OFFER', dst: destination(sent), payload: MESSAGE_PAYLOAD }));
    // Let the socket's events in (a close among them), and keep the client's own buffer short.
    do await new Promise((resolve) => setImmediate(resolve));
    while (socket.bufferedAmount > 4 * 1024 * 1024 && socket.readyState === WebSocket.OPEN);
  }
  return sent;
}

for (const { name, destination } of [
  { name: 'to IDs nobody holds', destination: 'absent' },
  { name: 'to a registered client that never reads', destination: 'slow reader' },
] as const) {
  test(`200 MiB of legal 60 KiB messages ${name}: the flooder is cut off, the server grows by less than 50 MB`, async () => {
    test.setTimeout(240_000); // the server builds the hub first when the build is stale
    server = await startServerProcess();
    const running = server;
    const flooder = await register(running.port);
    let sink: string | undefined;
    if (destination === 'slow reader') {
      sink = randomUUID();
      const reader = await register(running.port, sink);
      // The client stops reading its socket: the server's writes to it pile up at the server.
      (reader as unknown as { _socket: { pause(): void } })._socket.pause();
    }
    const peakIsExact = running.resetPeakRss();
    const before = running.rssBytes();
    let sampledPeak = before;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, running.rssBytes())), 20);

    const closed = new Promise<number>((resolveClosed) => flooder.once('close', (code) => resolveClosed(code)));
    const sent = await flood(flooder, (index) => sink ?? `nobody-${index}`);
    const outcome = await Promise.race([
      closed,
      new Promise<'still open'>((resolveOpen) => setTimeout(() => resolveOpen('still open'), 10_000)),
    ]);
    clearInterval(sampler);
    const peak = Math.max(sampledPeak, peakIsExact ? running.peakRssBytes() : running.rssBytes());
    test.info().annotations.push({ type: 'server growth', description: `${((peak - before) / 1e6).toFixed(1)} MB after ${sent} messages` });

    expect.soft((peak - before) / 1e6, 'server growth in MB').toBeLessThan(ALLOWED_GROWTH_BYTES / 1e6);
    expect.soft(outcome, 'the server closes the flooder').not.toBe('still open');
    expect.soft(sent, 'messages the flooder got out before it was closed').toBeLessThan(MESSAGES);
    expect((await fetch(running.url)).status).toBe(200);
  });
}
