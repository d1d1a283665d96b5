/**
 * `npm start` works from a fresh clone: it builds the hub when `dist/app` is missing or
 * older than its sources, and otherwise serves what is there.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Inputs of the hub build; a change to any of them makes the build stale. */
const BUILD_INPUTS = ['index.html', 'src', 'public', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Whether the build in `appDir` is missing or older than any of its inputs under `root`.
 *
 * @example
 * ```ts
 * import { build } from 'vite';
 * if (isBuildStale(process.cwd(), 'dist/app')) await build();
 * ```
 */
export function isBuildStale(root: string, appDir: string): boolean {
  const builtIndex = join(appDir, 'index.html');
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > builtAt);
}

/**
 * Builds the hub with Vite when the build is stale. Without Vite (a production install with
 * `--omit=dev`) an existing build is served as it is, and a missing one is a clear error.
 *
 * @example
 * ```ts
 * await ensureAppBuilt(process.cwd(), 'dist/app');
 * ```
 */
export async function ensureAppBuilt(root: string, appDir: string, log: (line: string) => void = console.log): Promise<void> {
  if (!isBuildStale(root, appDir)) return;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (cause) {
    if (existsSync(join(appDir, 'index.html'))) return;
    throw new Error('No build in dist/app and Vite is not installed: run `npm install && npm run build`.', { cause });
  }
  log('peerstage: building the hub (dist/app)…');
  await vite.build({ root, logLevel: 'warn' });
}
