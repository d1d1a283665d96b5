/**
 * Runs a command where Firefox can hold WebRTC calls and nothing can leave this machine:
 * `tsx tools/firefoxNetwork.ts <command> [args…]`.
 *
 * - Network: Firefox's ICE never connects with loopback alone; it needs a non-loopback
 *   interface and a default route (ENVIRONMENT.md). As root, the command runs in a network
 *   namespace of its own holding `lo` and a veth pair 10.201.0.1 ⇄ 10.201.0.2 with the default
 *   route through it. Both ends live in that namespace, which has no way out: a packet for any
 *   other address comes back in on the other end and is dropped. Without root the command runs
 *   on the host network (peers still pair on this machine's own addresses).
 * - Display: headless Firefox has no WebGL here, so without `$DISPLAY` the command runs under
 *   `xvfb-run` (Debian's `xvfb`) and Firefox opens headed on that virtual screen.
 */
import { spawn, spawnSync } from 'node:child_process';

/** The addresses the namespace's veth pair gets (from the 10.201.0.0/16 tests may use). */
const FIREFOX_NET = { near: '10.201.0.1', far: '10.201.0.2' } as const;

const NAMESPACE_SETUP = [
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  `ip addr add ${FIREFOX_NET.near}/24 dev v0`,
  `ip addr add ${FIREFOX_NET.far}/24 dev v1`,
  'ip link set v0 up',
  'ip link set v1 up',
  `ip route add default via ${FIREFOX_NET.far} dev v0`,
].join(' && ');

function canMakeNamespace(): boolean {
  return process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * The argv that runs `command` in Firefox's network and on a display, as described above.
 *
 * @example
 * ```ts
 * firefoxNetworkArgv(['npx', 'vitest', 'run'], { namespace: true, xvfb: true });
 * // ['unshare', '-n', 'sh', '-c', 'ip link set lo up && … && exec "$@"', 'sh', 'xvfb-run', '-a', …]
 * ```
 */
export function firefoxNetworkArgv(command: readonly string[], { namespace, xvfb }: { namespace: boolean; xvfb: boolean }): string[] {
  const onDisplay = xvfb ? ['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24', ...command] : [...command];
  return namespace ? ['unshare', '-n', 'sh', '-c', `${NAMESPACE_SETUP} && exec "$@"`, 'sh', ...onDisplay] : onDisplay;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv.slice(2);
  if (command.length === 0) {
    console.error('usage: tsx tools/firefoxNetwork.ts <command> [args…]');
    process.exit(2);
  }
  const namespace = canMakeNamespace();
  const xvfb = !process.env.DISPLAY && has('xvfb-run');
  if (!namespace) console.warn('(not root: Firefox runs on the host network; its peers pair on this machine)');
  if (!process.env.DISPLAY && !xvfb) {
    console.warn("(no $DISPLAY and no xvfb-run: Firefox runs headless, without WebGL; install Debian's xvfb)");
  }
  const [file, ...args] = firefoxNetworkArgv(command, { namespace, xvfb });
  if (file === undefined) throw new Error('firefoxNetworkArgv gave no command to run');
  const child = spawn(file, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
