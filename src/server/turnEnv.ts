/**
 * A TURN server that checks TURN REST credentials (coturn's `use-auth-secret`), read from the
 * environment: `PEERSTAGE_TURN_URLS`, `PEERSTAGE_TURN_SECRET`, `PEERSTAGE_TURN_TTL_S`.
 */
import { turnRestCredentials } from './turnRestCredentials.ts';

export const TURN_URLS_ENV = 'PEERSTAGE_TURN_URLS';
export const TURN_SECRET_ENV = 'PEERSTAGE_TURN_SECRET';
export const TURN_TTL_ENV = 'PEERSTAGE_TURN_TTL_S';

/** Credentials last an hour by default: a page that joins later fetches new ones. */
export const DEFAULT_TURN_TTL_S = 3600;
/**
 * Five minutes at least: pages renew credentials when 80 % of their life has passed but never
 * sooner than a minute after the last renewal (turnRefreshDelay.ts), so a shorter life could
 * lapse before it is renewed; and a slow join must not outlive its credentials.
 */
export const MIN_TURN_TTL_S = 300;
/** A leaked username and password are good for at most a day. */
export const MAX_TURN_TTL_S = 86_400;
/** Anyone who has the secret can mint credentials: refuse one that could be guessed. */
export const MIN_TURN_SECRET_LENGTH = 16;

/** The TURN server(s) and the secret shared with them. The secret never leaves the server. */
export interface TurnService {
  readonly urls: readonly string[];
  readonly secret: string;
  readonly ttlS: number;
}

// turn:host[:port][?transport=udp|tcp], turns: likewise; what RTCPeerConnection accepts, no more.
const TURN_URL = /^turns?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/;

/**
 * Reads the TURN service from the environment; `undefined` when neither variable is set.
 * Throws a readable error at start-up when the set-up is half there or malformed.
 *
 * @example
 * ```ts
 * turnServiceFromEnv({
 *   PEERSTAGE_TURN_URLS: 'turn:turn.example:3478?transport=udp,turn:turn.example:3478?transport=tcp',
 *   PEERSTAGE_TURN_SECRET: 'the static-auth-secret of turnserver.conf',
 * });
 * // → { urls: ['turn:turn.example:3478?transport=udp', 'turn:…?transport=tcp'], secret: '…', ttlS: 3600 }
 * ```
 */
export function turnServiceFromEnv(env: NodeJS.ProcessEnv = process.env): TurnService | undefined {
  const rawUrls = env[TURN_URLS_ENV]?.trim() ?? '';
  const secret = env[TURN_SECRET_ENV] ?? '';
  const rawTtl = env[TURN_TTL_ENV]?.trim() ?? '';
  if (!rawUrls && !secret) {
    if (rawTtl) throw new Error(`${TURN_TTL_ENV} is set but ${TURN_URLS_ENV} and ${TURN_SECRET_ENV} are not`);
    return undefined;
  }
  if (!rawUrls)
    throw new Error(`${TURN_SECRET_ENV} is set but ${TURN_URLS_ENV} is not: name the TURN server(s), e.g. turn:turn.example:3478`);
  if (!secret) throw new Error(`${TURN_URLS_ENV} is set but ${TURN_SECRET_ENV} is not: give the static-auth-secret of the TURN server`);
  if (secret.length < MIN_TURN_SECRET_LENGTH) {
    throw new Error(`${TURN_SECRET_ENV} is too short: use at least ${MIN_TURN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`);
  }
  const urls = rawUrls.split(/[\s,]+/).filter(Boolean);
  const bad = urls.filter((url) => !TURN_URL.test(url));
  if (bad.length > 0) {
    throw new Error(`${TURN_URLS_ENV}: not a turn: or turns: URL: ${bad.map((url) => JSON.stringify(url)).join(', ')}`);
  }
  let ttlS = DEFAULT_TURN_TTL_S;
  if (rawTtl) {
    ttlS = Number(rawTtl);
    if (!Number.isInteger(ttlS) || ttlS < MIN_TURN_TTL_S || ttlS > MAX_TURN_TTL_S) {
      throw new Error(`${TURN_TTL_ENV} must be whole seconds from ${MIN_TURN_TTL_S} to ${MAX_TURN_TTL_S} (got ${JSON.stringify(rawTtl)})`);
    }
  }
  return { urls, secret, ttlS };
}

/**
 * The `RTCIceServer` one client gets: the service's URLs with credentials of its own.
 *
 * @example
 * ```ts
 * import type { ServerResponse } from 'node:http';
 * declare const response: ServerResponse;
 * const service = turnServiceFromEnv();
 * if (service) response.end(JSON.stringify({ iceServers: [turnIceServer(service)] }));
 * ```
 */
export function turnIceServer(service: TurnService, nowMs: number = Date.now()): { urls: string[]; username: string; credential: string } {
  const { username, credential } = turnRestCredentials(service.secret, { ttlS: service.ttlS, nowMs });
  return { urls: [...service.urls], username, credential };
}
