/**
 * The production server: the built hub (and, when built, the Storybook) plus the PeerServer,
 * the client configuration and the Janus servers for large rooms (proxied), all on one port.
 */
import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { attachSignaling, type SignalingOptions } from './attachSignaling.ts';
import { clientConfigRoute, type ClientConfigSource, withJanusServers } from './clientConfigRoute.ts';
import type { JanusUpstreams } from './janusEnv.ts';
import { attachJanusProxy } from './janusProxy.ts';
import { securityHeaders } from './securityHeaders.ts';

/** Where the static Storybook is served, when built. */
const STORYBOOK_PATH = '/storybook';

export interface ProductionServerOptions {
  /** Folder with the built hub (`index.html` and assets). */
  readonly appDir: string;
  /** Folder with a static Storybook build, served at `/storybook/` when it exists. */
  readonly storybookDir?: string;
  readonly port: number;
  readonly host: string;
  /** What `/peerstage/config.json` answers; a function makes it afresh for each request (TURN credentials). */
  readonly clientConfig: ClientConfigSource;
  /** PEM certificate and key: serve HTTPS (for phones and computers on the LAN). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Signaling limits and allowed origins (default: attachSignaling's); the Janus proxy applies the same. */
  readonly signaling?: SignalingOptions;
  /** Janus servers proxied at `/janus/<i>` and listed in the client configuration (janusEnv.ts). Default none. */
  readonly janus?: JanusUpstreams;
}

export interface RunningServer {
  /** The URL it serves, e.g. `http://localhost:8080/`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, closes every socket it holds (signaling and Janus ones too), resolves when closed. */
  close(): Promise<void>;
}

/**
 * Starts the production server and resolves once it listens.
 *
 * @example
 * ```ts
 * const server = await startProductionServer({
 *   appDir: 'dist/app', port: 8080, host: 'localhost', clientConfig: { iceServers: [] },
 * });
 * console.log(server.url); // http://localhost:8080/
 * await server.close();
 * ```
 */
export async function startProductionServer(options: ProductionServerOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = options.tls ? createHttpsServer(options.tls, app) : createHttpServer(app);
  const signaling = attachSignaling(httpServer, options.signaling);
  // Attached even with no Janus, so that `/janus/…` is refused with a reason of its own.
  const janus = attachJanusProxy(httpServer, {
    upstreams: options.janus ?? [],
    allowedOrigins: options.signaling?.allowedOrigins,
    maxSocketsPerAddress: options.signaling?.maxSocketsPerAddress,
  });
  // Every socket, upgraded ones included (the server forgets those once they upgrade): closing
  // must not wait on a client that keeps its socket open.
  const sockets = new Set<Socket>();
  httpServer.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  app.use(securityHeaders({ storybookPaths: [STORYBOOK_PATH] }));
  app.use(clientConfigRoute(withJanusServers(options.clientConfig, janus.paths)));
  app.use(signaling.middleware);
  if (options.storybookDir && existsSync(join(options.storybookDir, 'index.html'))) {
    app.use(STORYBOOK_PATH, express.static(options.storybookDir));
  }
  app.use(express.static(options.appDir, { index: 'index.html' }));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });

  const { port } = httpServer.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `${scheme}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        signaling.close();
        janus.close();
        httpServer.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
