/**
 * Mounts a stock PeerServer (npm `peer`) on an existing HTTP(S) server, at a path of its own,
 * so one origin serves both the pages and the signaling. Used by the Vite plugin (dev,
 * preview, Storybook, Vitest browser) and by the production server.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer } from 'ws';
import type { Middleware } from './middleware.ts';
import { roomDirectory } from './roomDirectory.ts';
import { signalingClients, type SignalingClients } from './signalingClients.ts';
import { trackTimers } from './trackTimers.ts';

/** Where the PeerServer answers on the page's own origin (DESIGN.md: `/peerjs`). */
export const SIGNALING_PATH = '/peerjs';

export interface SignalingOptions {
  /** URL path the PeerServer is mounted at. Default {@link SIGNALING_PATH}. */
  readonly path?: string;
  /** PeerServer `key` (PeerJS client option `key`). Default PeerServer's own, `peerjs`. */
  readonly key?: string;
  /** Whether to keep rooms' meeting points (see roomDirectory.ts). Default true; false: a stock PeerServer. */
  readonly roomDirectory?: boolean;
}

export interface AttachedSignaling {
  /** Connect/express middleware that answers the PeerServer's HTTP routes under `path`. */
  readonly middleware: Middleware;
  /** The mount path, e.g. `/peerjs`. */
  readonly path: string;
  /** Clients the PeerServer has accepted (their IDs registered), for routes that must know who is who. */
  readonly clients: SignalingClients;
  /** Closes every signaling socket and stops the PeerServer's timers. Idempotent. */
  close(): void;
}

/** Where an HTTP server keeps its PeerServer; a global symbol, so every copy of this module sees it. */
const ATTACHED = Symbol.for('peerstage.signaling');
type WithSignaling = { [ATTACHED]?: { signaling: AttachedSignaling; users: number } };

/**
 * Attaches a PeerServer to `httpServer`; its HTTP routes are served by the returned
 * middleware and its WebSocket by an `upgrade` listener that claims only its own path, so
 * other upgrade users (Vite's HMR socket) keep working.
 *
 * A server has at most one PeerServer: attaching again hands out the one already there, and
 * it closes when the last of its users closes it. (Storybook merges the project's Vite config
 * with its own, so the plugin is applied twice to one server, from two copies of this module;
 * two PeerServers there would both claim each socket and crash the process.)
 *
 * @example
 * ```ts
 * const server = http.createServer(app);
 * const signaling = attachSignaling(server);
 * app.use(signaling.middleware);
 * server.on('close', () => signaling.close());
 * ```
 */
export function attachSignaling(
  httpServer: HttpServer | HttpsServer,
  options: SignalingOptions = {},
): AttachedSignaling {
  const holder = httpServer as WithSignaling;
  const existing = holder[ATTACHED];
  const entry = existing ?? { signaling: createSignaling(httpServer, options), users: 0 };
  holder[ATTACHED] = entry;
  entry.users += 1;
  let released = false;
  return {
    middleware: entry.signaling.middleware,
    path: entry.signaling.path,
    clients: entry.signaling.clients,
    close() {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      delete holder[ATTACHED];
      entry.signaling.close();
    },
  };
}

function createSignaling(httpServer: HttpServer | HttpsServer, options: SignalingOptions): AttachedSignaling {
  const path = options.path ?? SIGNALING_PATH;
  const sockets = new WebSocketServer({ noServer: true });
  let socketPath = '';

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== socketPath) return;
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };

  const peerServer = ExpressPeerServer(httpServer, {
    path: '/',
    ...(options.key ? { key: options.key } : {}),
    // The default WebSocketServer would attach to `httpServer` and answer every other
    // upgrade with 400; ours claims only the PeerServer's socket path.
    createWebSocketServer: (wsOptions) => {
      socketPath = wsOptions.path ?? `${path}/peerjs`;
      httpServer.on('upgrade', onUpgrade);
      return sockets;
    },
  });
  // The PeerServer logs nothing and an unhandled 'error' event would crash the process.
  peerServer.on('error', () => undefined);

  const clients = signalingClients(peerServer);
  // Where the members of a room meet: kept by the server, so nobody can squat it.
  const directory = options.roomDirectory === false ? undefined : roomDirectory(clients);

  const app = express();
  if (directory) app.use(path, directory.middleware);
  // PeerServer only wires itself up on express's 'mount' event, which arms its timers.
  const timers = trackTimers(() => app.use(path, peerServer));

  let closed = false;
  return {
    // An express app takes plain Node requests and adds its own fields as it handles them.
    middleware: (request, response, next) => app(request as Request, response as Response, next),
    path,
    clients,
    close() {
      if (closed) return;
      closed = true;
      directory?.close();
      clients.close();
      timers.clearAll();
      httpServer.off('upgrade', onUpgrade);
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}
