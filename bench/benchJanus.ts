/**
 * The Janus of the bench suites that put rooms on an SFU (`janus`): one server for the suite,
 * started before its page loads and stopped after, on ports of its own so that it never meets
 * the Janus servers of the test layers (8188, 8189) or of an e2e run beside it (8288).
 */
import { hasJanus, type JanusServer, startJanusServer } from '../tools/janusServer.ts';
import { hasAddress } from '../tools/spawnedServer.ts';

/** The suites that get a Janus; their page finds its URL in `?janus=`. */
export const SUITES_WITH_JANUS: ReadonlySet<string> = new Set(['janus']);

/** `v0` of tools/firefoxNetwork.ts's namespace: the only interface Janus's ICE gathers on. */
const ADDRESS = '10.201.0.1';
const PORT = 8388;
/** 300 media ports: eight members each publish and subscribe (16 connections a round), with room for stragglers. */
const RTP_PORTS = [20_800, 21_099] as const;
/** Shorter than Janus's 60 s: a member page that dies mid-round frees its ports within a round or two. */
const SESSION_TIMEOUT_S = 30;

/**
 * Starts the suite's Janus, or throws with the fix when this machine cannot run one (no
 * `janus` installed, or outside the namespace of `npm run bench`).
 *
 * @example
 * ```ts
 * const janus = await startBenchJanus();
 * // …page.goto(`…&janus=${encodeURIComponent(janus.url)}`)…
 * await janus.stop();
 * ```
 */
export async function startBenchJanus(): Promise<JanusServer> {
  if (!hasJanus()) throw new Error("the janus suite needs Debian's janus (1.1.x): `sudo apt-get install janus`");
  if (!hasAddress(ADDRESS)) {
    throw new Error(
      `${ADDRESS} is no address here: run the janus suite through \`npm run bench -- janus\` (as root), in its network namespace`,
    );
  }
  return startJanusServer({ address: ADDRESS, iceInterface: 'v0', port: PORT, rtpPorts: RTP_PORTS, sessionTimeoutS: SESSION_TIMEOUT_S });
}
