/**
 * The Janus servers a hub proxies for large rooms, read from the environment:
 * `PEERSTAGE_JANUS`, a comma-separated list of WebSocket URLs (`ws://10.0.0.5:8188`), or `off`.
 *
 * The list's positions are the servers' public names: the i-th is proxied at `/janus/<i>`, and
 * pages map rooms onto those paths (janusServerFor.ts). So that retiring a server moves only its
 * own rooms, a retired server's place is kept with `-`: `ws://a:8188,-,ws://c:8188` still
 * serves `ws://c:8188` at `/janus/2`.
 */
import { MAX_JANUS_SERVERS } from '../rtc/clientConfig.ts';

export const JANUS_ENV = 'PEERSTAGE_JANUS';
/** Switches Janus off, even the one `npm start` would start itself. */
export const JANUS_OFF = 'off';
/** Keeps a retired server's place in the list, so the servers after it keep their paths. */
export const RETIRED_JANUS = '-';
/** A URL longer than this is a mistake (a pasted file, say), not a server. */
export const MAX_JANUS_UPSTREAM_LENGTH = 2048;

/** Server i of the list is proxied at `/janus/<i>`; `undefined` is a retired place. */
export type JanusUpstreams = readonly (string | undefined)[];

/** What the environment says: nothing (`npm start` may start a Janus), off, or these servers. */
export type JanusSetting =
  | { readonly kind: 'unset' }
  | { readonly kind: 'off' }
  | { readonly kind: 'servers'; readonly upstreams: JanusUpstreams };

export type JanusEnvErrorReason = 'too-many' | 'empty-entry' | 'not-a-url' | 'not-websocket' | 'no-server';

/** A `PEERSTAGE_JANUS` that cannot be used; `reason` says why, the message names the entry. */
export class JanusEnvError extends Error {
  override readonly name = 'JanusEnvError';
  readonly reason: JanusEnvErrorReason;
  constructor(reason: JanusEnvErrorReason, message: string, options?: ErrorOptions) {
    super(`${JANUS_ENV}: ${message}`, options);
    this.reason = reason;
  }
}

function upstreamOf(entry: string, index: number): string | undefined {
  if (entry === RETIRED_JANUS) return undefined;
  if (entry === '')
    throw new JanusEnvError('empty-entry', `entry ${index} is empty (write ${RETIRED_JANUS} to keep a retired server's place)`);
  if (entry.length > MAX_JANUS_UPSTREAM_LENGTH) {
    throw new JanusEnvError(
      'not-a-url',
      `entry ${index} is ${entry.length} characters long, more than a URL (${MAX_JANUS_UPSTREAM_LENGTH})`,
    );
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch (cause) {
    throw new JanusEnvError('not-a-url', `entry ${index} is not a URL: ${JSON.stringify(entry)}`, { cause });
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hash) {
    throw new JanusEnvError('not-websocket', `entry ${index} is not a ws:// or wss:// URL: ${JSON.stringify(entry)}`);
  }
  return url.href;
}

/**
 * Reads `PEERSTAGE_JANUS`. Throws a {@link JanusEnvError} at start-up for a list that is too
 * long, has an empty entry or a URL that is not `ws://` or `wss://`, or retires every server.
 *
 * @example
 * ```ts
 * janusFromEnv({ PEERSTAGE_JANUS: 'ws://10.0.0.5:8188, -, wss://janus.example/ws' });
 * // → { kind: 'servers', upstreams: ['ws://10.0.0.5:8188/', undefined, 'wss://janus.example/ws'] }
 * ```
 */
export function janusFromEnv(env: NodeJS.ProcessEnv = process.env): JanusSetting {
  // A trailing comma adds no place, so it shifts nothing: forgiven.
  const raw = env[JANUS_ENV]?.trim().replace(/[\s,]+$/u, '') ?? '';
  if (raw === '') return { kind: 'unset' };
  if (raw.toLowerCase() === JANUS_OFF) return { kind: 'off' };
  const entries = raw.split(',');
  if (entries.length > MAX_JANUS_SERVERS) {
    throw new JanusEnvError('too-many', `at most ${MAX_JANUS_SERVERS} servers, not ${entries.length}`);
  }
  const upstreams = entries.map((entry, index) => upstreamOf(entry.trim(), index));
  if (upstreams.every((upstream) => upstream === undefined)) {
    throw new JanusEnvError('no-server', `every server is retired (${RETIRED_JANUS}): name one, or write ${JANUS_OFF}`);
  }
  return { kind: 'servers', upstreams };
}
