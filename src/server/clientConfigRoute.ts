/**
 * Serves the client configuration ({@link CLIENT_CONFIG_PATH}) from the environment, and the
 * Janus servers the hub proxies (janusProxy.ts).
 */
import * as v from 'valibot';
import { CLIENT_CONFIG_PATH, clientConfigSchema, type ClientConfig } from '../rtc/clientConfig.ts';
import type { Middleware } from './middleware.ts';
import { turnIceServer, turnServiceFromEnv } from './turnEnv.ts';

/** Environment variable holding the ICE servers as JSON, e.g. `[{"urls":"stun:10.0.0.2:3478"}]`. */
export const ICE_SERVERS_ENV = 'PEERSTAGE_ICE_SERVERS';
/** Environment variable: `relay` makes clients connect through TURN only; default `all`. */
export const ICE_TRANSPORT_POLICY_ENV = 'PEERSTAGE_ICE_TRANSPORT_POLICY';

/**
 * A configuration, or what makes one for each request: TURN REST credentials are minted per
 * request, so that none is published to everyone and each expires on its own.
 */
export type ClientConfigSource = ClientConfig | (() => ClientConfig);

/**
 * Builds the static part of the client configuration from the environment. Throws a readable
 * error at start-up when `PEERSTAGE_ICE_SERVERS` is not a valid list of RTCIceServer objects,
 * or `PEERSTAGE_ICE_TRANSPORT_POLICY` is neither `all` nor `relay`.
 *
 * @example
 * ```ts
 * clientConfigFromEnv({ PEERSTAGE_ICE_SERVERS: '[{"urls":"turn:127.0.0.1:3478"}]' });
 * // → { iceServers: [{ urls: 'turn:127.0.0.1:3478' }] }
 * ```
 */
export function clientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const raw = env[ICE_SERVERS_ENV];
  const rawPolicy = env[ICE_TRANSPORT_POLICY_ENV]?.trim() ?? '';
  const policy = rawPolicy === 'all' || rawPolicy === 'relay' ? rawPolicy : undefined;
  if (rawPolicy && !policy) {
    throw new Error(`${ICE_TRANSPORT_POLICY_ENV} must be 'all' or 'relay' (got ${JSON.stringify(rawPolicy)})`);
  }
  const withPolicy = (config: ClientConfig): ClientConfig => (policy ? { ...config, iceTransportPolicy: policy } : config);
  if (!raw) return withPolicy({ iceServers: [] });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new Error(`${ICE_SERVERS_ENV} is not JSON: ${String(cause)}`, { cause });
  }
  const parsed = v.safeParse(clientConfigSchema, { iceServers: json });
  if (!parsed.success) {
    const issues = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    throw new Error(`${ICE_SERVERS_ENV} is not a list of RTCIceServer: ${issues.join('; ')}`);
  }
  return withPolicy(parsed.output);
}

/**
 * The client configuration as the servers publish it: {@link clientConfigFromEnv}, plus, when
 * `PEERSTAGE_TURN_URLS` and `PEERSTAGE_TURN_SECRET` are set, a TURN server with credentials
 * minted for each request (see turnEnv.ts). Throws at start-up on a bad configuration; a
 * relay-only policy with no TURN server to relay through is refused too (nobody would meet).
 *
 * @example
 * ```ts
 * app.use(clientConfigRoute(clientConfigSourceFromEnv()));
 * ```
 */
export function clientConfigSourceFromEnv(env: NodeJS.ProcessEnv = process.env): ClientConfigSource {
  const base = clientConfigFromEnv(env);
  const turn = turnServiceFromEnv(env);
  const hasTurn = turn !== undefined || base.iceServers.some(({ urls }) => [urls].flat().some((url) => /^turns?:/.test(url)));
  if (base.iceTransportPolicy === 'relay' && !hasTurn) {
    throw new Error(`${ICE_TRANSPORT_POLICY_ENV}=relay needs a TURN server: set PEERSTAGE_TURN_URLS and PEERSTAGE_TURN_SECRET`);
  }
  if (!turn) return base;
  return () => ({ ...base, iceServers: [...base.iceServers, turnIceServer(turn)] });
}

/**
 * `source` telling pages the Janus servers the hub proxies, as paths on its own origin
 * (`janus: ['/janus/0', '/janus/1']`); with none, `source` as it is (no `janus` key).
 *
 * @example
 * ```ts
 * withJanusServers({ iceServers: [] }, ['/janus/0']); // → { iceServers: [], janus: ['/janus/0'] }
 * ```
 */
export function withJanusServers(source: ClientConfigSource, paths: readonly string[]): ClientConfigSource {
  if (paths.length === 0) return source;
  const janus = [...paths];
  return typeof source === 'function' ? () => ({ ...source(), janus }) : { ...source, janus };
}

/**
 * Middleware answering `GET /peerstage/config.json` with the configuration, made afresh for
 * each request when `source` is a function. Never cached: it may hold credentials.
 *
 * @example
 * ```ts
 * app.use(clientConfigRoute(clientConfigSourceFromEnv()));
 * ```
 */
export function clientConfigRoute(source: ClientConfigSource): Middleware {
  const fixed = typeof source === 'function' ? undefined : JSON.stringify(source);
  return (request, response, next) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== CLIENT_CONFIG_PATH) return next();
    response.setHeader('Content-Type', 'application/json');
    response.setHeader('Cache-Control', 'no-store');
    response.end(fixed ?? JSON.stringify((source as () => ClientConfig)()));
  };
}
