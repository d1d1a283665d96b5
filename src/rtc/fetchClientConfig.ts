import * as v from 'valibot';
import { CLIENT_CONFIG_PATH, clientConfigSchema, DEFAULT_CLIENT_CONFIG, type ClientConfig } from './clientConfig.ts';

/**
 * Reads the client configuration of the page's server. A missing or malformed document falls
 * back to {@link DEFAULT_CLIENT_CONFIG}: no ICE servers, which works on a LAN and on loopback.
 *
 * @example
 * ```ts
 * import { Peer } from 'peerjs';
 * const { iceServers } = await fetchClientConfig();
 * const peer = new Peer({ config: { iceServers } });
 * ```
 */
export async function fetchClientConfig(
  origin: string = globalThis.location?.origin ?? '',
  fetchImpl: typeof fetch = fetch,
): Promise<ClientConfig> {
  try {
    const response = await fetchImpl(new URL(CLIENT_CONFIG_PATH, origin));
    if (!response.ok) return DEFAULT_CLIENT_CONFIG;
    const parsed = v.safeParse(clientConfigSchema, await response.json());
    return parsed.success ? parsed.output : DEFAULT_CLIENT_CONFIG;
  } catch {
    return DEFAULT_CLIENT_CONFIG;
  }
}
