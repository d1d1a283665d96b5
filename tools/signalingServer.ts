/**
 * A standalone signaling server: peerstage's PeerServer at `/peerjs` on `PORT` (0 picks a free
 * one), with its room directory unless `PEERSTAGE_ROOM_DIRECTORY=off` (then a stock
 * PeerServer). It reports its port to a parent process over IPC, or prints it. The browser
 * test layer runs it as a forked child so a test can restart it like a real server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachSignaling } from '../src/server/attachSignaling.ts';
import { clientConfigRoute } from '../src/server/clientConfigRoute.ts';
import { ANY_ORIGIN } from '../src/server/originPolicy.ts';

const server = createServer();
const signaling = attachSignaling(server, {
  roomDirectory: process.env.PEERSTAGE_ROOM_DIRECTORY !== 'off',
  // Test pages are served by another server (Vitest's, Vite's) and signal here across origins.
  allowedOrigins: [ANY_ORIGIN],
});
const configRoute = clientConfigRoute({ iceServers: [] });
server.on('request', (request, response) => {
  configRoute(request, response, () =>
    signaling.middleware(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  if (process.send) process.send({ ready: port });
  else console.log(`signaling at http://127.0.0.1:${port}/peerjs`);
});

process.on('disconnect', () => process.exit(0));
