/**
 * Runs {@link ./signalingServer.ts} as a child process that tests can stop, start and restart
 * on the same port — a signaling server that really goes away.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_SCRIPT = fileURLToPath(new URL('./signalingServer.ts', import.meta.url));

/** Set to `off`, the server keeps no room directory: a stock PeerServer. */
export const ROOM_DIRECTORY_ENV = 'PEERSTAGE_ROOM_DIRECTORY';

export class SignalingProcess {
  readonly #env: NodeJS.ProcessEnv;
  #child: ChildProcess | undefined;
  #port = 0;

  /** `env`: what the server runs with besides this process's environment. */
  constructor(env: NodeJS.ProcessEnv = {}) {
    this.#env = env;
  }

  /** The port it listens on (fixed after the first start, so restarts keep the address). */
  get port(): number {
    return this.#port;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  /** Starts the server (on the previous port after a stop) and resolves with its port. */
  async start(): Promise<number> {
    if (this.#child) return this.#port;
    const child = fork(SERVER_SCRIPT, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...this.#env, PORT: String(this.#port) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child = child;
    this.#port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { ready: number }).ready));
      child.once('exit', (code) => reject(new Error(`signaling server exited with ${code} before it listened`)));
    });
    return this.#port;
  }

  /** Kills the server abruptly (as a crash would) and resolves once it is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async restart(): Promise<number> {
    await this.stop();
    return this.start();
  }
}

const REGISTRY = Symbol.for('peerstage.signalingProcesses');
type WithRegistry = typeof globalThis & { [REGISTRY]?: Map<string, SignalingProcess> };

/**
 * The signaling process called `name` of this Node process. Vitest loads the global setup and
 * the browser commands through different module graphs, so the instances live on `globalThis`.
 * `stock` is a PeerServer without peerstage's room directory, as anyone may run.
 */
export function namedSignalingProcess(name: 'shared' | 'restartable' | 'stock'): SignalingProcess {
  const scope = globalThis as WithRegistry;
  scope[REGISTRY] ??= new Map();
  const registry = scope[REGISTRY];
  let process = registry.get(name);
  if (!process) {
    process = new SignalingProcess(name === 'stock' ? { [ROOM_DIRECTORY_ENV]: 'off' } : {});
    registry.set(name, process);
  }
  return process;
}
