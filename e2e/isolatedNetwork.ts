/**
 * A network of one browser's own, which no other member's network can reach: ENVIRONMENT.md's
 * "Two networks that cannot reach each other", without named namespaces (`ip netns` would
 * write to the machine's /run/netns). A `sleep` started by `unshare -n` holds a network
 * namespace; a veth pair joins it to the test's namespace (10.201.N.1 outside, 10.201.N.2
 * inside, the default route through it). The test's namespace does not forward
 * (`net.ipv4.ip_forward` is 0 there), so such networks reach every address of the test's
 * namespace — the hub, coturn — but not each other: like homes behind NATs that only a relay
 * joins.
 *
 * Needs root and runs inside tools/firefoxNetwork.ts's namespace; every address is in 10.201.0.0/16.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../tools/chromium.ts';

export interface IsolatedNetwork {
  /** This network's gateway: the test namespace's address on it (where the hub is opened). */
  readonly gateway: string;
  /** The browser's address inside. */
  readonly address: string;
  /** A script that runs Chromium inside the network: Playwright's `executablePath`. */
  readonly chromium: string;
  /** Ends the namespace (its veth pair goes with it) and removes the script. Idempotent. */
  close(): void;
}

/** Longer than any test that uses a network; see isolatedNetwork. */
const LIFETIME_S = 900;

function run(script: string): void {
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script}\n→ ${result.stderr || `exit ${result.status}`}`);
}

/** Whether the test's namespace forwards packets between its links (then isolation is void). */
export function forwards(): boolean {
  return readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim() !== '0';
}

/**
 * Makes network number `index` (1–200): gateway `10.201.<10+index>.1`, browser `.2`.
 *
 * @example
 * ```ts
 * const home = await isolatedNetwork(1);
 * const browser = await chromium.launch({ executablePath: home.chromium, args: CHROMIUM_ARGS });
 * await (await browser.newPage()).goto(`http://${home.gateway}:${port}/`);
 * home.close();
 * ```
 */
export async function isolatedNetwork(index: number): Promise<IsolatedNetwork> {
  if (!Number.isInteger(index) || index < 1 || index > 200) throw new RangeError(`network index ${index} is not 1–200`);
  const chromium = findChromium();
  if (!chromium) throw new Error('an isolated network needs a system Chromium to wrap (set PEERSTAGE_CHROMIUM)');
  // A bounded sleep: if the test process dies without close(), the namespace still ends.
  const holder = spawn('unshare', ['-n', 'sleep', String(LIFETIME_S)], { stdio: 'ignore' });
  const pid = holder.pid;
  if (pid === undefined) throw new Error('unshare -n did not start');
  const subnet = `10.201.${10 + index}`;
  const outside = `pn${index}o`;
  const inside = `pn${index}i`;
  const dir = mkdtempSync(join(tmpdir(), 'peerstage-net-'));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    holder.kill('SIGKILL');
    spawnSync('ip', ['link', 'del', outside], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // unshare has made the namespace once /proc/<pid>/ns/net differs from ours.
    const ours = spawnSync('readlink', ['/proc/self/ns/net'], { encoding: 'utf8' }).stdout.trim();
    for (let tries = 0; spawnSync('readlink', [`/proc/${pid}/ns/net`], { encoding: 'utf8' }).stdout.trim() === ours; tries++) {
      if (tries > 100) throw new Error('the namespace holder never left our network namespace');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    run(
      [
        `ip link add ${outside} type veth peer name ${inside}`,
        `ip link set dev ${inside} netns ${pid}`,
        `ip addr add ${subnet}.1/24 dev ${outside}`,
        `ip link set ${outside} up`,
        `nsenter -t ${pid} -n sh -c 'ip link set lo up && ip addr add ${subnet}.2/24 dev ${inside} && ip link set ${inside} up && ip route add default via ${subnet}.1'`,
      ].join(' && '),
    );
    const wrapper = join(dir, 'chromium');
    writeFileSync(wrapper, `#!/bin/sh\nexec nsenter -t ${pid} -n ${JSON.stringify(chromium)} "$@"\n`);
    chmodSync(wrapper, 0o755);
    return { gateway: `${subnet}.1`, address: `${subnet}.2`, chromium: wrapper, close };
  } catch (error) {
    close();
    throw error;
  }
}
