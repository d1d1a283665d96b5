/**
 * Signaling settings from the environment, for `npm start` and the Vite servers.
 */
import type { SignalingOptions } from './attachSignaling.ts';
import { normaliseOrigin } from './originPolicy.ts';

/** Comma-separated origins whose pages may signal here besides the server's own; `*` for any. */
export const ALLOWED_ORIGINS_ENV = 'PEERSTAGE_ALLOWED_ORIGINS';

/** Signaling sockets one address may hold at once; `0` for no cap. */
export const MAX_SOCKETS_PER_ADDRESS_ENV = 'PEERSTAGE_MAX_SOCKETS_PER_ADDRESS';

/**
 * The signaling options the environment sets (only those it sets). Throws a readable error at
 * start-up for an origin or a number that does not parse.
 *
 * @example
 * ```ts
 * signalingOptionsFromEnv({ PEERSTAGE_ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443' });
 * // → { allowedOrigins: ['https://a.example', 'https://b.example:8443'] }
 * ```
 */
export function signalingOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SignalingOptions {
  const options: { allowedOrigins?: string[]; maxSocketsPerAddress?: number } = {};
  const origins = env[ALLOWED_ORIGINS_ENV]?.trim();
  if (origins) {
    try {
      options.allowedOrigins = origins
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '')
        .map(normaliseOrigin);
    } catch (cause) {
      throw new Error(`${ALLOWED_ORIGINS_ENV}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
  const cap = env[MAX_SOCKETS_PER_ADDRESS_ENV]?.trim();
  if (cap) {
    if (!/^\d+$/.test(cap))
      throw new Error(`${MAX_SOCKETS_PER_ADDRESS_ENV} must be a whole number (0: no cap), not ${JSON.stringify(cap)}`);
    options.maxSocketsPerAddress = Number(cap);
  }
  return options;
}
