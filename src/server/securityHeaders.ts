/**
 * Security headers for every response of the production server: what a page of the hub may
 * load and connect to (Content-Security-Policy), who may frame it, which powerful features it
 * and its frames may ask for, and what leaves in a `Referer`.
 *
 * The hub's policy is strict: its build is one script and one stylesheet from its own origin,
 * and it renders names and chat as text. What it needs beyond `'self'`:
 * - `blob:` scripts and workers: Tone.js loads its AudioWorklet and its clock worker from blob
 *   URLs (mediabunny its workers), and worklets count as scripts;
 * - `blob:`/`mediastream:` media and `data:`/`blob:` images: recording previews, the favicon;
 * - `ws:`/`wss:` of the page's own host for `/peerjs` (`'self'` covers it in current
 *   browsers; the explicit entry keeps older ones working).
 * WebRTC itself (ICE, STUN, TURN) is not governed by CSP.
 *
 * The static Storybook (under `/storybook`) gets a looser policy: Storybook's build ships inline
 * scripts and its docs inject styles at run time, and their hashes change with every build.
 * It keeps everything that does not depend on those: no plugins, no foreign scripts, frames,
 * fonts or connections, no framing by other sites.
 */
import type { Middleware } from './middleware.ts';

/** `Permissions-Policy`: camera, microphone and screen capture for the hub's own origin only. */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(self), display-capture=(self)';

/** A room's name is in the hub's URL and is how one enters it: it never leaves in a `Referer`. */
export const REFERRER_POLICY = 'no-referrer';

/** A Host header that is safe to write into a policy (a name or an IP, and a port). */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function socketSources(host: string | undefined): string {
  return host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
}

/**
 * The hub's Content-Security-Policy for a request sent to `host`.
 *
 * @example
 * ```ts
 * hubContentSecurityPolicy('localhost:8080');
 * // "default-src 'self'; script-src 'self' blob:; … connect-src 'self' ws://localhost:8080 wss://localhost:8080; …"
 * ```
 */
export function hubContentSecurityPolicy(host: string | undefined): string {
  return [
    "default-src 'self'",
    "script-src 'self' blob:",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self'${socketSources(host)} blob: data:`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * The static Storybook's Content-Security-Policy for a request sent to `host`: the hub's,
 * with inline scripts and styles allowed (see the file's comment for why).
 *
 * @example
 * ```ts
 * storybookContentSecurityPolicy('localhost:8080'); // "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; …"
 * ```
 */
export function storybookContentSecurityPolicy(host: string | undefined): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' blob:",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self'${socketSources(host)} blob: data:`,
    "font-src 'self' data:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export interface SecurityHeadersOptions {
  /** Path prefixes served with the Storybook's policy instead of the hub's, e.g. `/storybook`. */
  readonly storybookPaths?: readonly string[];
}

/**
 * Middleware that sets the security headers on every response, before anything answers.
 *
 * @example
 * ```ts
 * import express from 'express';
 * app.use(securityHeaders({ storybookPaths: ['/storybook'] }));
 * app.use(express.static('dist/app'));
 * ```
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Middleware {
  const storybookPaths = options.storybookPaths ?? [];
  return (request, response, next) => {
    const path = (request.url ?? '/').replace(/\?.*/su, '');
    const isStorybook = storybookPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    const host = request.headers.host;
    response.setHeader('Content-Security-Policy', isStorybook ? storybookContentSecurityPolicy(host) : hubContentSecurityPolicy(host));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    response.setHeader('Referrer-Policy', REFERRER_POLICY);
    // A window another site opens (or that opens one) shares no browsing context group with it.
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}
