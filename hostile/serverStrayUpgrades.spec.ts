/**
 * A stranger sends WebSocket upgrade requests to paths where nothing upgrades: the server must
 * answer each and close its socket, rather than leave them open (each holds a file descriptor,
 * and a server waiting on them never finishes closing).
 */
import { connect, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { startServerProcess, type ServerProcess } from './support/serverProcess.ts';

const STRAYS = 1_000;
/** Sockets opened at once: below the listen backlog, so none waits on a SYN retry. */
const BATCH = 100;
/** The bound on `SIGINT` to exit. */
const EXIT_WITHIN_MS = 1_000;

let server: ServerProcess | undefined;
const sockets: Socket[] = [];
test.afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.stop();
  server = undefined;
});

interface Stray {
  /** The status line of the answer, if any came. */
  statusLine: string;
  closed: boolean;
}

function sendStray(port: number, index: number): { stray: Stray; connected: Promise<void> } {
  const stray: Stray = { statusLine: '', closed: false };
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    received += chunk;
    stray.statusLine = received.split('\r\n')[0] ?? '';
  });
  socket.on('error', () => undefined);
  socket.on('close', () => (stray.closed = true));
  // Half-closing ourselves would let a server off the hook: the stranger keeps its side open.
  const connected = new Promise<void>((resolveConnected) =>
    socket.once('connect', () => {
      socket.write(
        `GET /stray/${index} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      resolveConnected();
    }),
  );
  return { stray, connected };
}

test('1 000 stray upgrade requests: every socket is answered and closed, and SIGINT then exits within 1 s', async () => {
  test.setTimeout(240_000); // the server builds the hub first when the build is stale
  server = await startServerProcess();
  const strays: Stray[] = [];
  for (let first = 0; first < STRAYS; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, STRAYS - first) }, (_, offset) => sendStray(server!.port, first + offset));
    await Promise.all(batch.map(({ connected }) => connected));
    strays.push(...batch.map(({ stray }) => stray));
  }

  const closedByServer = () => strays.filter((stray) => stray.closed).length;
  await expect.poll(closedByServer, { timeout: 20_000, message: 'stray sockets the server closed' }).toBe(STRAYS);
  expect(new Set(strays.map((stray) => stray.statusLine))).toEqual(new Set(['HTTP/1.1 404 Not Found']));
  // The server still serves pages, and signaling's own path still upgrades (see the other specs).
  expect((await fetch(server.url)).status).toBe(200);

  const exit = await server.interrupt();
  expect(exit.code, server.stderr()).toBe(0);
  expect(exit.ms).toBeLessThan(EXIT_WITHIN_MS);
});
