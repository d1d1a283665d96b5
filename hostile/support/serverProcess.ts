/**
 * The server as `npm start` runs it, in a process of a spec's own, so that the spec can watch
 * what a hostile client does to the process itself: its memory (from `/proc/<pid>/status`) and
 * how it exits on `SIGINT`.
 *
 * It runs `src/server/start.ts` under Node with tsx's loader, without tsx's CLI: the CLI would
 * start the server in a child process of its own, and the PID here must be the server's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** What start.ts prints once it listens (with PORT=0 the URL carries the port it got). */
const SERVING = /serving the hub and signaling \(\/peerjs\) at (http\S+)/;

export interface ServerProcess {
  readonly pid: number;
  /** Where it serves, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly port: number;
  /** Resident memory now (`VmRSS`), in bytes. */
  rssBytes(): number;
  /** The highest resident memory since the start or since {@link resetPeakRss} (`VmHWM`), in bytes. */
  peakRssBytes(): number;
  /**
   * Starts the peak over from the memory resident now (writes `5` to `/proc/<pid>/clear_refs`).
   * Returns false where the kernel does not allow it; the peak then counts from the start.
   */
  resetPeakRss(): boolean;
  /** Sends `SIGINT` and resolves with the milliseconds until the process exited, and how. */
  interrupt(): Promise<{ readonly ms: number; readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** What it wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Kills it if it still runs (SIGKILL) and resolves once it is gone. Idempotent. */
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
}

/**
 * Starts `npm start`'s server on a free loopback port and resolves once it serves. It builds
 * the hub first when the build is stale, as `npm start` does (that can take a minute).
 *
 * @example
 * ```ts
 * const server = await startServerProcess();
 * const before = server.rssBytes();
 * // … hostile traffic to server.url …
 * const { ms } = await server.interrupt();
 * ```
 */
export async function startServerProcess(env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = exitOf(child);

  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = SERVING.exec(stdout);
      if (match) resolveUrl(match[1]!);
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`the server exited (${code ?? signal}) before it served:\n${stdout}\n${stderr}`)),
    );
  });
  const pid = child.pid!;

  return {
    pid,
    url,
    port: Number(new URL(url).port),
    rssBytes: () => statusField(pid, 'VmRSS'),
    peakRssBytes: () => statusField(pid, 'VmHWM'),
    resetPeakRss() {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async interrupt() {
      const startedAt = performance.now();
      child.kill('SIGINT');
      const { code, signal } = await exited;
      return { ms: performance.now() - startedAt, code, signal };
    },
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
