/**
 * The Janus servers `npm start` proxies for large rooms: the ones `PEERSTAGE_JANUS` names, or,
 * when it names none and Debian's `janus` is installed, one it starts itself — so a fresh
 * clone on a machine with Janus has large rooms with no set-up. That Janus listens on
 * 127.0.0.1 only (pages reach it through the hub's `/janus/0`) and gathers ICE on every
 * interface but loopback, where browsers could not reach its media.
 *
 * Janus is an extra: one that fails to start is reported, and the hub starts without it
 * (rooms then stay mesh rooms).
 */
import { createServer } from 'node:net';
import { hasJanus, type JanusServer, startJanusServer } from '../../tools/janusServer.ts';
import { JANUS_ENV, JANUS_OFF, type JanusSetting, type JanusUpstreams } from './janusEnv.ts';
import { janusPaths } from './janusProxy.ts';

/** Where the hub's own Janus listens: only the hub talks to it. */
export const LOCAL_JANUS_ADDRESS = '127.0.0.1';

export interface HubJanus {
  /** What the hub proxies at `/janus/<i>`. */
  readonly upstreams: JanusUpstreams;
  /** The one line to print about Janus, if any, and whether it reports a failure. */
  readonly report?: { readonly text: string; readonly failed: boolean };
  /** Stops the Janus the hub started (nothing for configured ones). Idempotent. */
  stop(): Promise<void>;
}

/** What {@link hubJanus} needs from the machine; tests give their own. */
export interface HubJanusMachine {
  /** Whether `janus` is installed. */
  readonly installed: () => boolean;
  /** Starts the hub's own Janus. */
  readonly start: () => Promise<Pick<JanusServer, 'url' | 'info' | 'stop'>>;
}

/**
 * A free TCP port on `host`, found by listening on port 0. Another process could take it before
 * Janus does; then Janus fails to start, which is reported like any other failure.
 *
 * @example
 * ```ts
 * const port = await freePort('127.0.0.1');
 * ```
 */
export async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, host, () => resolve());
  });
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error(`no free port on ${host}`);
  return address.port;
}

/**
 * Starts a Janus for the hub: WebSocket API on 127.0.0.1 at a free port (so a system Janus on
 * 8188 is no clash), ICE on every interface but loopback, and no time limit (it stops with the
 * hub).
 *
 * @example
 * ```ts
 * const janus = await startLocalJanus();
 * console.log(janus.url); // ws://127.0.0.1:40123
 * await janus.stop();
 * ```
 */
export async function startLocalJanus(): Promise<JanusServer> {
  return startJanusServer({ address: LOCAL_JANUS_ADDRESS, port: await freePort(LOCAL_JANUS_ADDRESS), lifetimeS: 0 });
}

const DEFAULT_MACHINE: HubJanusMachine = { installed: hasJanus, start: startLocalJanus };

const noJanus = (report?: HubJanus['report']): HubJanus => ({ upstreams: [], ...(report ? { report } : {}), stop: async () => undefined });

/**
 * The Janus servers for `setting`: none when off; the configured ones; or one started here.
 * Never rejects: a Janus that does not start is a report.
 *
 * @example
 * ```ts
 * import { janusFromEnv } from './janusEnv.ts';
 * const janus = await hubJanus(janusFromEnv());
 * if (janus.report) console.log(janus.report.text);
 * ```
 */
export async function hubJanus(setting: JanusSetting, machine: HubJanusMachine = DEFAULT_MACHINE): Promise<HubJanus> {
  if (setting.kind === 'off') return noJanus();
  if (setting.kind === 'servers') {
    const paths = janusPaths(setting.upstreams);
    const text = `peerstage: large rooms use ${paths.length} Janus server${paths.length === 1 ? '' : 's'} (${JANUS_ENV}), proxied at ${paths.join(', ')}`;
    return { upstreams: setting.upstreams, report: { text, failed: false }, stop: async () => undefined };
  }
  if (!machine.installed()) {
    return noJanus({
      text: 'peerstage: large rooms need Janus — `sudo apt-get install janus` — and mesh rooms work without it.',
      failed: false,
    });
  }
  try {
    const janus = await machine.start();
    const text = `peerstage: Janus ${janus.info.version_string} is running for large rooms (${janus.url}, proxied at /janus/0; ${JANUS_ENV}=${JANUS_OFF} to go without)`;
    return { upstreams: [janus.url], report: { text, failed: false }, stop: () => janus.stop() };
  } catch (error) {
    // Janus's log follows the first line of the error: the line is what a console needs.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return noJanus({ text: `peerstage: Janus did not start, so rooms stay mesh rooms: ${reason}`, failed: true });
  }
}
