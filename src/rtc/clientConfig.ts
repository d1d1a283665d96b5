/**
 * The client configuration a peerstage server publishes beside its pages (ICE servers, and
 * whether to use relays only). The server fills it from the environment
 * (`PEERSTAGE_ICE_SERVERS`, `PEERSTAGE_TURN_*`, `PEERSTAGE_ICE_TRANSPORT_POLICY`); with nothing
 * configured, no ICE servers are used at all, so a default set-up never contacts a third-party
 * STUN or TURN server. TURN credentials in it are short-lived: fetch it again before joining.
 */
import * as v from 'valibot';

/** Where the server publishes the client configuration, on the page's own origin. */
export const CLIENT_CONFIG_PATH = '/peerstage/config.json';

const iceServerSchema = v.object({
  urls: v.union([v.string(), v.array(v.string())]),
  username: v.optional(v.string()),
  credential: v.optional(v.string()),
});

/** Schema of the published configuration; unknown keys are ignored for forward compatibility. */
export const clientConfigSchema = v.object({
  iceServers: v.array(iceServerSchema),
  /** `relay`: peers connect only through the TURN servers, never hearing each other's addresses. */
  iceTransportPolicy: v.optional(v.picklist(['all', 'relay'])),
});

export type ClientConfig = v.InferOutput<typeof clientConfigSchema>;

/** What a page uses when its server publishes no configuration (a static host, say). */
export const DEFAULT_CLIENT_CONFIG: ClientConfig = { iceServers: [] };
