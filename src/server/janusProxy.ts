/**
 * The hub's Janus servers on its own port: a WebSocket upgrade at `/janus/<i>` is proxied to
 * the i-th configured Janus (janusEnv.ts), so pages need no second origin, certificate or
 * open port for the Janus API, and the hub's guards stand in front of Janus:
 *
 * - the path first: an unknown index, a retired one, or no Janus at all → 404;
 * - the subprotocol: Janus answers only `janus-protocol` (its admin API, refused here, has
 *   another) → 400 without it;
 * - the signaling socket's origin policy (403) and cap per address (429), with the same
 *   settings: another site's page must not use our Janus with its visitors' addresses;
 * - only then is Janus dialled; the page's upgrade is completed once Janus has accepted (so
 *   a Janus that is down is a 502, not a socket that opens and drops), within
 *   {@link JANUS_CONNECT_TIMEOUT_MS};
 * - frames are capped at {@link MAX_JANUS_FRAME_BYTES} both ways (1009) at their header,
 *   and the rest of the pair's limits are janusBridge.ts's.
 *
 * Other paths are left to the server's other upgrade listeners (attachSignaling refuses what
 * none claims, upgradeClaims.ts).
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { connectionCaps, DEFAULT_MAX_SOCKETS_PER_ADDRESS } from './connectionCaps.ts';
import { bridgeJanus, type JanusBridge, type JanusBridgeOptions } from './janusBridge.ts';
import type { JanusUpstreams } from './janusEnv.ts';
import { originPolicy } from './originPolicy.ts';
import { refuseUpgrade } from './refuseUpgrade.ts';
import { claimingPaths, upgradePathname } from './upgradeClaims.ts';

/** Janus server i is at `${JANUS_PATH}/${i}` on the hub's origin. */
export const JANUS_PATH = '/janus';
/** The Janus API's WebSocket subprotocol (its admin API's, `janus-admin-protocol`, is never passed on). */
export const JANUS_SUBPROTOCOL = 'janus-protocol';
/**
 * The largest frame passed either way, in bytes: the janus transport reads frames of up to
 * 262 144 characters (janusWire.ts), and a frame has at least as many bytes as characters,
 * so nothing the page would read is cut here.
 */
export const MAX_JANUS_FRAME_BYTES = 256 * 1024;
/** How long Janus has to accept the WebSocket (it answers locally in milliseconds). */
export const JANUS_CONNECT_TIMEOUT_MS = 10_000;

/** `/janus/0` … `/janus/15`: no leading zeros, so each server has one path. */
const INDEXED_PATH = /^\/janus\/(0|[1-9]\d?)$/;

export interface JanusProxyOptions {
  /** Server i is proxied at `/janus/<i>`; `undefined` is a retired place (404). */
  readonly upstreams: JanusUpstreams;
  /** As the signaling socket's: origins whose pages may connect besides the hub's own (`*`: any). */
  readonly allowedOrigins?: readonly string[];
  /** As the signaling socket's: Janus sockets one address (an IPv6 /64) may hold; 0: no cap. */
  readonly maxSocketsPerAddress?: number;
  /** Default {@link MAX_JANUS_FRAME_BYTES}. */
  readonly maxFrameBytes?: number;
  /** Default {@link JANUS_CONNECT_TIMEOUT_MS}. */
  readonly connectTimeoutMs?: number;
  /** The page's budget and the unread cap (janusBridge.ts defaults). */
  readonly limits?: Pick<JanusBridgeOptions, 'budget' | 'maxUnreadBytes'>;
  /** Where errors are told, one line each. Default: `console.error`. */
  readonly log?: (message: string) => void;
}

export interface JanusProxy {
  /** The paths pages connect to, e.g. `['/janus/0', '/janus/2']`: what the client configuration lists. */
  readonly paths: readonly string[];
  /** Stops proxying and cuts every proxied pair and every pending dial. Idempotent. */
  close(): void;
}

/**
 * The paths of `upstreams` on the hub's origin, retired places left out.
 *
 * @example
 * ```ts
 * janusPaths(['ws://a:8188', undefined, 'ws://c:8188']); // ['/janus/0', '/janus/2']
 * ```
 */
export function janusPaths(upstreams: JanusUpstreams): string[] {
  return upstreams.flatMap((upstream, index) => (upstream === undefined ? [] : [`${JANUS_PATH}/${index}`]));
}

const isJanusPath = (pathname: string) => pathname === JANUS_PATH || pathname.startsWith(`${JANUS_PATH}/`);

function offersJanusProtocol(request: IncomingMessage): boolean {
  const offered = request.headers['sec-websocket-protocol'] ?? '';
  return offered.split(',').some((protocol) => protocol.trim() === JANUS_SUBPROTOCOL);
}

/**
 * Proxies `/janus/<i>` upgrades of `httpServer` to `upstreams[i]`.
 *
 * @example
 * ```ts
 * const proxy = attachJanusProxy(server, { upstreams: ['ws://127.0.0.1:8188'] });
 * proxy.paths; // ['/janus/0']
 * server.on('close', () => proxy.close());
 * ```
 */
export function attachJanusProxy(httpServer: HttpServer | HttpsServer, options: JanusProxyOptions): JanusProxy {
  const { upstreams, log = (message: string) => console.error(`peerstage: ${message}`) } = options;
  const maxPayload = options.maxFrameBytes ?? MAX_JANUS_FRAME_BYTES;
  const origins = originPolicy(options.allowedOrigins);
  const caps = connectionCaps(options.maxSocketsPerAddress ?? DEFAULT_MAX_SOCKETS_PER_ADDRESS);
  const pages = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false, handleProtocols: () => JANUS_SUBPROTOCOL });
  const dialling = new Set<WebSocket>();
  const bridges = new Set<JanusBridge>();
  let closed = false;

  const connect = (request: IncomingMessage, socket: Duplex, head: Buffer, index: number, upstream: string) => {
    const label = `janus proxy: ${request.socket.remoteAddress ?? 'a page'} ↔ ${JANUS_PATH}/${index}`;
    // Node removed its own error listener when it handed the socket over: without one a reset would crash the hub.
    const onSocketError = () => socket.destroy();
    socket.on('error', onSocketError);
    // Compression is off: a small compressed frame can inflate to the cap; Janus needs none.
    const janus = new WebSocket(upstream, JANUS_SUBPROTOCOL, {
      maxPayload,
      perMessageDeflate: false,
      handshakeTimeout: options.connectTimeoutMs ?? JANUS_CONNECT_TIMEOUT_MS,
      followRedirects: false,
    });
    dialling.add(janus);
    // The page leaving before Janus answers, or ws refusing its handshake: Janus is not needed.
    let pageLeft = false;
    const onSocketClose = () => {
      pageLeft = true;
      janus.terminate();
    };
    socket.once('close', onSocketClose);
    const onDialError = (error: Error) => {
      dialling.delete(janus);
      if (pageLeft || closed) return;
      socket.off('close', onSocketClose);
      log(`${label}: Janus did not accept: ${error.message}`);
      refuseUpgrade(socket, 502, 'The Janus server is not answering.');
    };
    // Once open and until bridged, an error only cuts Janus (the page's socket then closes with it).
    const onWaitingError = () => {
      janus.terminate();
      socket.destroy();
    };
    janus.once('error', onDialError);
    janus.once('open', () => {
      dialling.delete(janus);
      janus.off('error', onDialError);
      janus.once('error', onWaitingError);
      if (socket.destroyed) return janus.terminate();
      pages.handleUpgrade(request, socket, head, (page) => {
        socket.off('close', onSocketClose);
        socket.off('error', onSocketError);
        janus.off('error', onWaitingError);
        const bridge = bridgeJanus(page, socket, janus, { ...options.limits, log, label });
        bridges.add(bridge);
        void bridge.closed.then(() => bridges.delete(bridge));
      });
    });
  };

  const onUpgrade = claimingPaths(isJanusPath, (request, socket, head) => {
    const pathname = upgradePathname(request);
    if (!isJanusPath(pathname)) return;
    const index = Number(INDEXED_PATH.exec(pathname)?.[1] ?? Number.NaN);
    const upstream = upstreams[index];
    if (upstream === undefined) return refuseUpgrade(socket, 404, 'No Janus server at this path.');
    if (!offersJanusProtocol(request)) return refuseUpgrade(socket, 400, `Janus speaks the ${JANUS_SUBPROTOCOL} subprotocol.`);
    if (!origins.allows(request)) return refuseUpgrade(socket, 403, 'Pages of this origin may not use this Janus server.');
    const release = caps.admit(request.socket.remoteAddress);
    if (!release) return refuseUpgrade(socket, 429, 'Too many Janus sockets from this address.');
    socket.once('close', release);
    connect(request, socket, head, index, upstream);
  });
  httpServer.on('upgrade', onUpgrade);

  return {
    paths: janusPaths(upstreams),
    close() {
      if (closed) return;
      closed = true;
      httpServer.off('upgrade', onUpgrade);
      for (const janus of dialling) janus.terminate();
      for (const bridge of bridges) bridge.terminate();
      pages.close();
    },
  };
}
