/**
 * The Janus servers of the `janus` test layers: a fixed number of them, each on its own port and
 * media ports, that the global setup starts and the browser commands stop and start again on
 * the same address — a media server that really goes away, and comes back knowing nothing.
 */
import { type JanusServer, startJanusServer } from './janusServer.ts';

/** Where they listen: `v0` of tools/firefoxNetwork.ts's namespace, the only interface Janus's ICE may use. */
export const JANUS_TEST_ADDRESS = '10.201.0.1';
const ICE_INTERFACE = 'v0';
/** How many the layer runs: two, so that a test can put members of a room on different servers. */
export const JANUS_TEST_SERVER_COUNT = 2;
const FIRST_PORT = 8188;
/** Media ports per server: disjoint ranges, few enough that a leak of PeerConnections shows. */
const RTP_PORTS_EACH = 200;
const FIRST_RTP_PORT = 20_000;
/** Shorter than Janus's 60 s: a session whose socket went quiet is gone within a test's time. */
const SESSION_TIMEOUT_S = 15;

export class JanusTestServer {
  readonly index: number;
  readonly url: string;
  #server: Promise<JanusServer> | undefined;

  constructor(index: number) {
    this.index = index;
    this.url = `ws://${JANUS_TEST_ADDRESS}:${FIRST_PORT + index}`;
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  /** Starts it unless it runs (both janus projects' global setups ask); resolves with its URL. */
  async start(): Promise<string> {
    const rtpFirst = FIRST_RTP_PORT + this.index * RTP_PORTS_EACH;
    this.#server ??= startJanusServer({
      address: JANUS_TEST_ADDRESS,
      iceInterface: ICE_INTERFACE,
      port: FIRST_PORT + this.index,
      rtpPorts: [rtpFirst, rtpFirst + RTP_PORTS_EACH - 1],
      sessionTimeoutS: SESSION_TIMEOUT_S,
    });
    try {
      await this.#server;
    } catch (error) {
      // A failed start leaves nothing running: the next start tries afresh.
      this.#server = undefined;
      throw error;
    }
    return this.url;
  }

  /**
   * Ends it and resolves once it is gone. SIGTERM, not SIGKILL: Janus runs under `timeout`,
   * which a SIGKILL would end without passing it on. Clients see what a crash shows them
   * anyway: their socket closes, their sessions are lost.
   */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    // A server that failed to start has stopped already.
    await server?.then((running) => running.stop()).catch(() => undefined);
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }
}

const REGISTRY = Symbol.for('peerstage.janusTestServers');
type WithRegistry = typeof globalThis & { [REGISTRY]?: Map<number, JanusTestServer> };

/**
 * The janus layers' server number `index` (0 or 1) of this Node process. Vitest loads the global
 * setup and the browser commands through different module graphs, so the instances live on
 * `globalThis`. Throws a `RangeError` for another index.
 *
 * @example
 * ```ts
 * const url = await janusTestServer(0).restart(); // 'ws://10.201.0.1:8188'
 * ```
 */
export function janusTestServer(index: number): JanusTestServer {
  if (!(Number.isInteger(index) && index >= 0 && index < JANUS_TEST_SERVER_COUNT)) {
    throw new RangeError(`janusTestServer: index must be an integer from 0 to ${JANUS_TEST_SERVER_COUNT - 1}, not ${index}`);
  }
  const scope = globalThis as WithRegistry;
  scope[REGISTRY] ??= new Map();
  const registry = scope[REGISTRY];
  let server = registry.get(index);
  if (!server) {
    server = new JanusTestServer(index);
    registry.set(index, server);
  }
  return server;
}
