/**
 * Several WebSocket services share one HTTP server's `upgrade` event (signaling at `/peerjs`,
 * the Janus proxy at `/janus/…`, Vite's HMR socket in development), and every listener sees
 * every request. Node answers none of them: a request nobody takes stays open for as long as
 * its client likes. So one listener must refuse what nobody claims, and it can only know that
 * if the others say which paths they take: a listener marked with {@link claimingPaths} claims
 * only its own; an unmarked one (Vite's) may take anything.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** A global symbol: Storybook loads two copies of the server modules into one process. */
const CLAIMS = Symbol.for('peerstage.upgradeClaims');
type Claiming = UpgradeListener & { [CLAIMS]?: (pathname: string) => boolean };

/**
 * The path of an upgrade request (no query), or `''` when its target does not parse.
 *
 * @example
 * ```ts
 * server.on('upgrade', (request) => console.log(upgradePathname(request))); // '/janus/0'
 * ```
 */
export function upgradePathname(request: Pick<IncomingMessage, 'url'>): string {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}

/**
 * Marks `listener` as answering only upgrade requests whose path `claims` accepts.
 *
 * @example
 * ```ts
 * server.on('upgrade', claimingPaths((path) => path.startsWith('/janus/'), (request, socket) => socket.destroy()));
 * ```
 */
export function claimingPaths(claims: (pathname: string) => boolean, listener: UpgradeListener): UpgradeListener {
  return Object.assign(listener, { [CLAIMS]: claims });
}

/**
 * Whether a listener of `server` other than `self` may answer an upgrade request for `pathname`.
 *
 * @example
 * ```ts
 * import { refuseUpgrade } from './refuseUpgrade.ts';
 * const onUpgrade: UpgradeListener = (request, socket) => {
 *   const path = upgradePathname(request);
 *   if (path !== '/mine' && !anotherListenerMayTake(server, path, onUpgrade)) refuseUpgrade(socket, 404);
 * };
 * ```
 */
export function anotherListenerMayTake(server: EventEmitter, pathname: string, self: UpgradeListener): boolean {
  return server.listeners('upgrade').some((listener) => {
    if (listener === self) return false;
    const claims = (listener as Claiming)[CLAIMS];
    return claims === undefined || claims(pathname);
  });
}
