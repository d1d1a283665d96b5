/**
 * The static Storybook as people host it: `npm run build-storybook` writes dist/storybook,
 * and the production server (`npm start`) serves it at `/storybook/` beside the hub, with its
 * signaling server at `/peerjs`. Specs start their own such server on a free port.
 *
 * Building takes a while (about a minute or more on a busy 2-core machine), so the build is made
 * only when it is missing or older than what it is built from, as `npm start` does for the hub.
 * A static build is also steadier to test against than `storybook dev`, whose preview reloads
 * whenever a stories file is added or changed.
 */
import { test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startProductionServer, type RunningServer } from '../src/server/productionServer.ts';

const root = resolve(import.meta.dirname, '..');
/** Where `npm run build-storybook` writes, and where `npm start` looks. */
export const STORYBOOK_DIR = join(root, 'dist/storybook');
/** What the Storybook is built from: a change to any of them makes the build stale. */
const INPUTS = ['stories', '.storybook', 'src', 'vite.config.ts', 'package.json'];

/** One entry of a Storybook `index.json`. */
export interface IndexEntry {
  readonly id: string;
  readonly type: 'story' | 'docs';
  readonly title: string;
  readonly name: string;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Builds dist/storybook unless it is newer than all of its inputs. */
export function ensureStorybookBuilt(): void {
  const built = join(STORYBOOK_DIR, 'index.json');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (INPUTS.every((input) => newestMtime(join(root, input)) <= builtAt)) return;
  // The binary itself, with the options of `npm run build-storybook`.
  execFileSync(process.execPath, ['node_modules/storybook/dist/bin/dispatcher.js', 'build', '--quiet', '--output-dir', STORYBOOK_DIR], {
    cwd: root,
    stdio: 'inherit',
  });
}

/**
 * The production server with the hub and the static Storybook, on a free loopback port,
 * without ICE servers (nothing leaves the machine). The hub's build must exist (`npm start`,
 * which the Playwright config runs, makes it).
 */
export function serveStatically(): Promise<RunningServer> {
  return startProductionServer({
    appDir: join(root, 'dist/app'),
    storybookDir: STORYBOOK_DIR,
    port: 0,
    host: '127.0.0.1',
    clientConfig: { iceServers: [] },
  });
}

/**
 * For a spec file: builds the static Storybook if stale and serves it before the file's tests,
 * and closes the server after them. Returns the running server's URL (with its trailing `/`).
 */
export function staticStorybookForThisFile(): () => string {
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(600_000);
    ensureStorybookBuilt();
    server = await serveStatically();
  });
  test.afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the static Storybook is not being served: call this from a test');
    return server.url;
  };
}
