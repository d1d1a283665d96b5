/**
 * The client configuration a peerstage server publishes beside its pages (ICE servers, whether
 * to use relays only, and the Janus servers it proxies for large rooms). The server fills it from the environment
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

/**
 * The most Janus servers a hub proxies: the map weighs every one per join (janusServerFor.ts),
 * and a page reads no longer list than that from a server it does not control.
 */
export const MAX_JANUS_SERVERS = 16;
/** A Janus server's path (`/janus/0`) or URL; a page's URL could hardly be longer. */
const MAX_JANUS_URL_LENGTH = 2048;

/** Schema of the published configuration; unknown keys are ignored for forward compatibility. */
export const clientConfigSchema = v.object({
  iceServers: v.array(iceServerSchema),
  /** `relay`: peers connect only through the TURN servers, never hearing each other's addresses. */
  iceTransportPolicy: v.optional(v.picklist(['all', 'relay'])),
  /**
   * The Janus servers large rooms meet on, as paths on the page's own origin (`/janus/0`) or
   * WebSocket URLs; a room picks one with `janusServerFor` and opens it with `janusUrlFor`.
   * Absent or empty: this server offers none, and rooms stay mesh rooms. A malformed list
   * reads as absent rather than failing the whole document: the ICE servers still count.
   */
  janus: v.fallback(
    v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_JANUS_URL_LENGTH))), v.maxLength(MAX_JANUS_SERVERS))),
    undefined,
  ),
});

export type ClientConfig = v.InferOutput<typeof clientConfigSchema>;

/** What a page uses when its server publishes no configuration (a static host, say). */
export const DEFAULT_CLIENT_CONFIG: ClientConfig = { iceServers: [] };
