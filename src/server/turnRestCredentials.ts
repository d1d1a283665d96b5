/**
 * Short-lived TURN credentials by the TURN REST scheme (draft-uberti-behave-turn-rest), which
 * coturn checks with `use-auth-secret` + `static-auth-secret`: the server and the TURN server
 * share a secret, and each client gets a username that carries its own expiry and a password
 * derived from it. Nothing is stored; a leaked pair stops working when it expires.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** What one client gets: an `RTCIceServer`'s `username` and `credential`. */
export interface TurnRestCredentials {
  /** `${expiry}:${id}`: coturn refuses it once the expiry (Unix seconds) has passed. */
  readonly username: string;
  /** `base64(HMAC-SHA1(secret, username))`, coturn's password for that username. */
  readonly credential: string;
  /** The expiry in Unix seconds (also the username's first part). */
  readonly expiresAtS: number;
}

export interface TurnRestCredentialsOptions {
  /** How long the credentials are good for, in seconds. */
  readonly ttlS: number;
  /** The time now (ms since the epoch); default `Date.now()`. */
  readonly nowMs?: number;
  /**
   * The username's second part, without `:` (coturn splits at the first one). Default: 9
   * random bytes in base64url, so two clients never share a username and coturn's per-user
   * quotas apply to each.
   */
  readonly id?: string;
}

/**
 * Derives fresh TURN credentials from the secret shared with coturn.
 *
 * @example
 * ```ts
 * const { username, credential } = turnRestCredentials('a long random secret', { ttlS: 3600 });
 * const iceServer = { urls: 'turn:turn.example:3478?transport=udp', username, credential };
 * ```
 */
export function turnRestCredentials(secret: string, options: TurnRestCredentialsOptions): TurnRestCredentials {
  const id = options.id ?? randomBytes(9).toString('base64url');
  if (id.includes(':')) throw new RangeError(`a TURN REST user id must not contain ':' (got ${JSON.stringify(id)})`);
  const expiresAtS = Math.floor((options.nowMs ?? Date.now()) / 1000) + Math.floor(options.ttlS);
  const username = `${expiresAtS}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAtS };
}
