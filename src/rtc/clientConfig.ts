/**
 * The client configuration a peerstage server publishes beside its pages (ICE servers). The
 * server fills it from the environment
 * (`PEERSTAGE_ICE_SERVERS`); with nothing configured, no ICE servers are used at all, so a
 * default set-up never contacts a third-party STUN or TURN server.
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
});

export type ClientConfig = v.InferOutput<typeof clientConfigSchema>;

/** What a page uses when its server publishes no configuration (a static host, say). */
export const DEFAULT_CLIENT_CONFIG: ClientConfig = { iceServers: [] };
