import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readyOrStop, serverFolder, spawnServer } from './spawnedServer.ts';

/** Resolves once `check` holds, polling: the child's output arrives when it arrives. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Whether process `pid` still runs: a killed orphan stays a zombie (`Z`) until init reaps it, which here takes seconds. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
}

describe('spawnServer', () => {
  it('keeps what the server logs, and stop() ends it and removes its folder, once', async () => {
    const dir = serverFolder('peerstage-spawned-');
    const chunks: string[] = [];
    const server = spawnServer({
      dir,
      command: ['sh', '-c', 'echo up; echo warned >&2; exec sleep 60'],
      killAfterMs: 2_000,
      onLog: (chunk) => chunks.push(chunk),
    });
    await until(() => server.log().includes('up') && server.log().includes('warned'));
    expect(chunks.join('')).toBe(server.log());
    expect(server.exited).toBe(false);

    await Promise.all([server.stop(), server.stop()]);
    expect(server.exited).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it('kills a server that ignores SIGTERM after killAfterMs, not only the timeout around it', async () => {
    const server = spawnServer({
      dir: serverFolder('peerstage-spawned-'),
      command: ['sh', '-c', "trap '' TERM; echo pid $$; while :; do sleep 1; done"],
      killAfterMs: 200,
    });
    await until(() => /pid \d+\n/.test(server.log()));
    const pid = Number(/pid (\d+)/.exec(server.log())?.[1]);
    await server.stop();
    expect(server.exited).toBe(true);
    await until(() => !isRunning(pid));
  });
});

describe('readyOrStop', () => {
  it('stops the server when it never gets ready, and reports why with its log', async () => {
    const dir = serverFolder('peerstage-spawned-');
    const server = spawnServer({ dir, command: ['sh', '-c', 'echo bad config; exit 3'], killAfterMs: 2_000 });
    const ready = (exited: () => boolean) =>
      until(exited).then(() => {
        throw new Error('it exited');
      });
    await expect(readyOrStop(server, ready, 'sh did not start')).rejects.toThrow(/^sh did not start: Error: it exited\nbad config/);
    expect(existsSync(dir)).toBe(false);
  });

  it('resolves with what ready resolves with', async () => {
    const server = spawnServer({ dir: serverFolder('peerstage-spawned-'), command: ['sleep', '60'], killAfterMs: 2_000 });
    await expect(readyOrStop(server, async () => 42, 'never')).resolves.toBe(42);
    await server.stop();
  });
});
