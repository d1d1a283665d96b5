/**
 * The Vite plugin that gives every Vite server of the project — `vite` dev, `vite preview`,
 * `storybook dev`, and the Vitest browser servers (plain and Storybook's) — a PeerServer at
 * `/peerjs` and the client configuration, on the server's own port.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Connect, Plugin } from 'vite';
import { attachSignaling, type AttachedSignaling, type SignalingOptions } from './attachSignaling.ts';
import { clientConfigRoute, clientConfigSourceFromEnv, type ClientConfigSource } from './clientConfigRoute.ts';
import { signalingOptionsFromEnv } from './signalingEnv.ts';

export interface PeerstagePluginOptions {
  /** Default: from the environment (`PEERSTAGE_ALLOWED_ORIGINS`, `PEERSTAGE_MAX_SOCKETS_PER_ADDRESS`). */
  readonly signaling?: SignalingOptions;
  /** Client configuration to publish. Default: from the environment (`PEERSTAGE_ICE_SERVERS`, `PEERSTAGE_TURN_*`). */
  readonly clientConfig?: ClientConfigSource;
}

type AnyHttpServer = HttpServer | HttpsServer;

/**
 * One PeerServer per HTTP server, however many Vite servers sit on it: Storybook merges the
 * project's vite.config.ts with its own and so applies this plugin twice to one server, and
 * two PeerServers there would both claim each signaling socket.
 */
const attached = new WeakMap<AnyHttpServer, AttachedSignaling>();

function signalingOf(httpServer: AnyHttpServer, options: SignalingOptions | undefined): AttachedSignaling {
  let signaling = attached.get(httpServer);
  if (!signaling) {
    const created = attachSignaling(httpServer, options);
    attached.set(httpServer, created);
    httpServer.once('close', () => {
      created.close();
      attached.delete(httpServer);
    });
    signaling = created;
  }
  return signaling;
}

function isHttpServer(candidate: unknown): candidate is AnyHttpServer {
  return typeof candidate === 'object' && candidate !== null && 'listen' in candidate && 'on' in candidate;
}

/**
 * Adds signaling and client configuration to a Vite server.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite';
 * export default defineConfig({ plugins: [peerstageServer()] });
 * // the page then signals through `new Peer({ host: location.hostname, port, path: '/peerjs' })`
 * ```
 */
export function peerstageServer(options: PeerstagePluginOptions = {}): Plugin {
  const clientConfig = options.clientConfig ?? clientConfigSourceFromEnv();
  const signaling = { ...signalingOptionsFromEnv(), ...options.signaling };

  const mount = (httpServer: AnyHttpServer, middlewares: Connect.Server) => {
    middlewares.use(clientConfigRoute(clientConfig));
    middlewares.use(signalingOf(httpServer, signaling).middleware);
  };

  return {
    name: 'peerstage:server',
    configureServer(server) {
      // In middleware mode (Storybook dev) Vite has no HTTP server of its own; the host's
      // server is the one handed to HMR. Vitest's node-project server has neither: nothing
      // to serve there, so the plugin stays quiet.
      const hmr = server.config.server.hmr;
      const hostServer = typeof hmr === 'object' ? hmr.server : undefined;
      const httpServer = server.httpServer ?? hostServer;
      if (isHttpServer(httpServer)) mount(httpServer, server.middlewares);
    },
    configurePreviewServer(server) {
      if (isHttpServer(server.httpServer)) mount(server.httpServer, server.middlewares);
    },
  };
}
