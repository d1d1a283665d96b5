/**
 * Which web pages may open a signaling socket: pages of the server's own origin, plus origins
 * configured by name.
 *
 * What it protects against: another web site whose page, open in a visitor's browser, would
 * use that browser to register IDs, squat rooms or flood the hub — with the visitor's address,
 * past any cap on the attacker's own. Browsers always send `Origin` on a WebSocket handshake
 * and a page cannot change it.
 *
 * What it does not: a client outside a browser can send any `Origin`, or none. A request
 * without `Origin` is such a client (no browser omits it), so it is let through: refusing it
 * would stop nobody, since the same client can write the expected `Origin` instead. Caps per
 * address, not this check, bound what such clients can do.
 */
import type { IncomingMessage } from 'node:http';

/** An entry of the allowed list that lets every origin in (a test's signaling server, say). */
export const ANY_ORIGIN = '*';

export interface OriginPolicy {
  /** Whether the handshake `request` may open a signaling socket. */
  allows(request: Pick<IncomingMessage, 'headers'>): boolean;
}

/**
 * `origin` as browsers send it (`scheme://host[:port]`, lower case, no default port), or
 * throws if it is not an http(s) origin.
 *
 * @example
 * ```ts
 * normaliseOrigin('HTTPS://Hub.Example:443'); // 'https://hub.example'
 * ```
 */
export function normaliseOrigin(origin: string): string {
  if (origin === ANY_ORIGIN) return origin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch (cause) {
    throw new Error(`not an origin: ${JSON.stringify(origin)} (expected e.g. https://hub.example:8443)`, { cause });
  }
  const onlyOrigin = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !onlyOrigin) {
    throw new Error(`not an origin: ${JSON.stringify(origin)} (expected http(s)://host[:port], nothing after it)`);
  }
  return url.origin;
}

/** Whether `origin` is `http(s)://` + the `Host` the request was sent to. */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    // The Host header parsed under the origin's scheme, so that default ports compare equal.
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

/**
 * The policy: no `Origin` (not a browser), the request's own origin (scheme http or https, so a
 * TLS proxy in front changes nothing), or one of `allowedOrigins` (`*` for any).
 *
 * @example
 * ```ts
 * import { refuseUpgrade } from './refuseUpgrade.ts';
 * const policy = originPolicy(['https://stories.example']);
 * server.on('upgrade', (request, socket) => {
 *   if (!policy.allows(request)) return refuseUpgrade(socket, 403);
 * });
 * ```
 */
export function originPolicy(allowedOrigins: readonly string[] = []): OriginPolicy {
  const allowed = new Set(allowedOrigins.map(normaliseOrigin));
  const any = allowed.has(ANY_ORIGIN);
  return {
    allows({ headers }) {
      const origin = headers.origin;
      if (origin === undefined || any) return true;
      if (isSameOrigin(origin, headers.host)) return true;
      try {
        return allowed.has(new URL(origin).origin);
      } catch {
        return false; // `null` (sandboxed frames, files) and anything else unparsable
      }
    },
  };
}
