/**
 * The lifecycle that the servers tests start from Debian's packages share (Janus in
 * ./janusServer.ts, coturn in ../e2e/turnServer.ts): a child process under `timeout` with its
 * configuration in a temporary folder, its log kept for failure reports, and one idempotent
 * stop that ends it and removes the folder. What "ready" means stays with each server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Longer than any test that uses one: if the test process dies without stop(), the server still ends. */
const LIFETIME_S = 900;
/** How long `timeout` waits after passing on a SIGTERM (its own, at the end of LIFETIME_S) before it kills. */
const TIMEOUT_KILL_AFTER_S = 5;

export interface SpawnedServerOptions {
  /** The folder the server's configuration is in (see {@link serverFolder}); removed by stop(). */
  readonly dir: string;
  /** The program and its arguments. */
  readonly command: readonly [file: string, ...args: string[]];
  /** How long stop() waits after SIGTERM before it sends SIGKILL, in ms. */
  readonly killAfterMs: number;
  /** Called with each chunk the server logs (stdout and stderr), e.g. to echo it. */
  readonly onLog?: (chunk: string) => void;
  /** Seconds until `timeout` ends the server (default LIFETIME_S, for tests; 0: never, for a hub's own server). */
  readonly lifetimeS?: number;
}

/** What {@link SpawnedServer.log} keeps: the latest of it, enough for a failure report; a hub's server runs for weeks. */
const MAX_LOG_CHARS = 64 * 1024;

export interface SpawnedServer {
  /** Whether the process has ended (on its own or by stop()). */
  readonly exited: boolean;
  /** What the server has logged so far. */
  log(): string;
  /** SIGTERM, then SIGKILL (to the server too, not only `timeout`) after `killAfterMs`; then removes its folder. Idempotent. */
  stop(): Promise<void>;
}

/**
 * A new empty folder in the temporary directory, for a server's configuration.
 *
 * @example
 * ```ts
 * const dir = serverFolder('peerstage-turn-'); // '/tmp/peerstage-turn-Ab3xYz'
 * ```
 */
export function serverFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Whether `address` is one of this machine's (this network namespace's) interface addresses.
 *
 * @example
 * ```ts
 * if (!hasAddress('10.201.0.1')) console.warn('run inside tools/firefoxNetwork.ts');
 * ```
 */
export function hasAddress(address: string): boolean {
  return Object.values(networkInterfaces()).some((list) => list?.some((entry) => entry.address === address));
}

/**
 * Spawns `options.command` under `timeout` (which passes our SIGTERM on), so that a server a
 * dead test process forgot still ends within LIFETIME_S rather than running on in a
 * forgotten namespace.
 *
 * @example
 * ```ts
 * const dir = serverFolder('peerstage-turn-');
 * const server = spawnServer({ dir, command: ['turnserver', '-c', `${dir}/turnserver.conf`], killAfterMs: 2_000 });
 * await server.stop();
 * ```
 */
export function spawnServer(options: SpawnedServerOptions): SpawnedServer {
  const { dir, command, killAfterMs, onLog, lifetimeS = LIFETIME_S } = options;
  const child = spawn('timeout', [`--kill-after=${TIMEOUT_KILL_AFTER_S}`, String(lifetimeS), ...command], {
    // In its own folder: a server that crashes (Janus 1.1 once did, shutting down) dumps its core there, removed with it.
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const onData = (chunk: string) => {
    log = (log + chunk).slice(-MAX_LOG_CHARS);
    onLog?.(chunk);
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  let exited = false;
  const exit = exitOf(child).then(() => {
    exited = true;
  });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => killGroup(child), killAfterMs);
        await exit;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  return {
    get exited() {
      return exited;
    },
    log: () => log,
    stop,
  };
}

/**
 * Resolves with what `ready` resolves with; if it rejects, stops the server and throws an error
 * that starts with `failure` and ends with the server's log.
 *
 * @example
 * ```ts
 * declare const server: SpawnedServer;
 * declare function waitForPort(exited: () => boolean): Promise<void>;
 * await readyOrStop(server, waitForPort, 'coturn did not start on 10.201.0.1:3478');
 * ```
 */
export async function readyOrStop<T>(server: SpawnedServer, ready: (exited: () => boolean) => Promise<T>, failure: string): Promise<T> {
  try {
    return await ready(() => server.exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${failure}: ${String(error)}\n${server.log()}`, { cause: error });
  }
}

/**
 * SIGKILL to `timeout`'s process group, which it makes its own: to `timeout` alone it would leave
 * the server running on, orphaned, whenever `killAfterMs` is shorter than TIMEOUT_KILL_AFTER_S.
 */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid === undefined) throw new Error('no pid');
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // No such group (yet): `timeout` had not called setpgid.
    child.kill('SIGKILL');
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
