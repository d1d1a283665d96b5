/**
 * Serves the client configuration ({@link CLIENT_CONFIG_PATH}) from the environment.
 */
import * as v from 'valibot';
import { CLIENT_CONFIG_PATH, clientConfigSchema, type ClientConfig } from '../rtc/clientConfig.ts';
import type { Middleware } from './middleware.ts';

/** Environment variable holding the ICE servers as JSON, e.g. `[{"urls":"stun:10.0.0.2:3478"}]`. */
export const ICE_SERVERS_ENV = 'PEERSTAGE_ICE_SERVERS';

/**
 * Builds the client configuration from the environment. Throws a readable error at start-up
 * when `PEERSTAGE_ICE_SERVERS` is not a valid list of RTCIceServer objects.
 *
 * @example
 * ```ts
 * clientConfigFromEnv({ PEERSTAGE_ICE_SERVERS: '[{"urls":"turn:127.0.0.1:3478"}]' });
 * // → { iceServers: [{ urls: 'turn:127.0.0.1:3478' }] }
 * ```
 */
export function clientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const raw = env[ICE_SERVERS_ENV];
  if (!raw) return { iceServers: [] };
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
  return parsed.output;
}

/**
 * Middleware answering `GET /peerstage/config.json` with `config`.
 *
 * @example
 * ```ts
 * app.use(clientConfigRoute(clientConfigFromEnv()));
 * ```
 */
export function clientConfigRoute(config: ClientConfig): Middleware {
  const body = JSON.stringify(config);
  return (request, response, next) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== CLIENT_CONFIG_PATH) return next();
    response.setHeader('Content-Type', 'application/json');
    response.setHeader('Cache-Control', 'no-store');
    response.end(body);
  };
}
