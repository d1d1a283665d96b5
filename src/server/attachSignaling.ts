/**
 * Mounts a stock PeerServer (npm `peer`) on an existing HTTP(S) server, at a path of its own,
 * so one origin serves both the pages and the signaling. Used by the Vite plugin (dev,
 * preview, Storybook, Vitest browser) and by the production server.
 *
 * The signaling socket is open to strangers, so it is guarded before anything is allocated
 * for them: frames over {@link MAX_SIGNALING_MESSAGE_BYTES} close the socket at their header,
 * other sites' pages are refused (403, see originPolicy.ts), one address holds at most
 * {@link DEFAULT_MAX_SOCKETS_PER_ADDRESS} sockets (429, see connectionCaps.ts), each socket
 * has a byte budget in and a cap on what waits unread out (guardSignalingSocket.ts), and
 * upgrade requests for any other path are answered 404 and closed where no other listener
 * may take them (upgradeClaims.ts).
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer } from 'ws';
import { connectionCaps, DEFAULT_MAX_SOCKETS_PER_ADDRESS } from './connectionCaps.ts';
import { guardSignalingSocket } from './guardSignalingSocket.ts';
import type { Middleware } from './middleware.ts';
import { originPolicy } from './originPolicy.ts';
import { dropAfterCloseFrame } from './dropAfterCloseFrame.ts';
import { refuseUpgrade } from './refuseUpgrade.ts';
import { roomDirectory } from './roomDirectory.ts';
import { signalingClients, type SignalingClients } from './signalingClients.ts';
import { trackTimers } from './trackTimers.ts';
import { anotherListenerMayTake, claimingPaths, upgradePathname } from './upgradeClaims.ts';

/** Where the PeerServer answers on the page's own origin (docs/architecture.md: `/peerjs`). */
export const SIGNALING_PATH = '/peerjs';

/**
 * The largest signaling message the server reads. PeerJS sends one SDP or one ICE candidate
 * per message: an offer of a room's connection is a few KiB, so 64 KiB leaves room for many
 * more media sections while a bigger frame is refused at its header, before it is buffered.
 */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;

/**
 * How long a registered ID outlives its client's last heartbeat. PeerJS clients send one every
 * 5 s, so 20 s is three missed in a row; the PeerServer's default (90 s) kept the ID of a
 * client whose network went away taken, and its room listing stale, for a minute and a half.
 */
export const ALIVE_TIMEOUT_MS = 20_000;

export interface SignalingOptions {
  /** URL path the PeerServer is mounted at. Default {@link SIGNALING_PATH}. */
  readonly path?: string;
  /** PeerServer `key` (PeerJS client option `key`). Default PeerServer's own, `peerjs`. */
  readonly key?: string;
  /** Whether to keep rooms' meeting points (see roomDirectory.ts). Default true; false: a stock PeerServer. */
  readonly roomDirectory?: boolean;
  /**
   * Origins whose pages may open signaling sockets besides the server's own (which always
   * may), e.g. `https://stories.example`; `*` lets every origin in. Default none.
   * Env `PEERSTAGE_ALLOWED_ORIGINS` (signalingEnv.ts).
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * Signaling sockets one remote address (an IPv6 /64) may hold at once; 0: no cap. Default
   * {@link DEFAULT_MAX_SOCKETS_PER_ADDRESS}. Env `PEERSTAGE_MAX_SOCKETS_PER_ADDRESS`.
   */
  readonly maxSocketsPerAddress?: number;
  /** How long a registered ID outlives its client's last heartbeat, in ms. Default {@link ALIVE_TIMEOUT_MS}. */
  readonly aliveTimeoutMs?: number;
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
 * import { createServer } from 'node:http';
 * const server = createServer(app);
 * const signaling = attachSignaling(server);
 * app.use(signaling.middleware);
 * server.on('close', () => signaling.close());
 * ```
 */
export function attachSignaling(httpServer: HttpServer | HttpsServer, options: SignalingOptions = {}): AttachedSignaling {
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
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNALING_MESSAGE_BYTES });
  const origins = originPolicy(options.allowedOrigins);
  const caps = connectionCaps(options.maxSocketsPerAddress ?? DEFAULT_MAX_SOCKETS_PER_ADDRESS);
  let socketPath = '';

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = upgradePathname(request);
    if (pathname !== socketPath) {
      // Another listener (Vite's HMR socket, the Janus proxy) may take it; where none may,
      // nobody would ever answer or close it.
      if (!anotherListenerMayTake(httpServer, pathname, onUpgrade)) refuseUpgrade(socket, 404);
      return;
    }
    if (!origins.allows(request)) {
      refuseUpgrade(socket, 403, 'Pages of this origin may not use this signaling server.');
      return;
    }
    const release = caps.admit(request.socket.remoteAddress);
    if (!release) {
      refuseUpgrade(socket, 429, 'Too many signaling sockets from this address.');
      return;
    }
    socket.once('close', release);
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // A frame the socket refuses (over the size cap, or malformed): ws sends its close frame
      // and ends its side; once that is out nothing more is read.
      ws.once('error', () => dropAfterCloseFrame(socket));
      guardSignalingSocket(ws, socket);
      sockets.emit('connection', ws, request);
    });
  };
  claimingPaths((pathname) => pathname === socketPath, onUpgrade);

  const peerServer = ExpressPeerServer(httpServer, {
    path: '/',
    ...(options.key ? { key: options.key } : {}),
    alive_timeout: options.aliveTimeoutMs ?? ALIVE_TIMEOUT_MS,
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
