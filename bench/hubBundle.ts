/**
 * A hub build's first-load size: the bytes its page loads before anything is asked of it.
 *
 * Which files count: `index.html`, the entry chunk it loads, that chunk's static imports (and
 * theirs), and the CSS of each of them — read from the build's manifest (Vite's
 * `build.manifest`). Dynamic imports are left out: the page loads them later, if ever, so a
 * redesign that moves code behind one is rightly lighter at first. Images and fonts are not
 * counted (today's hub has none).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BundleBytes } from './page/hubApi.ts';

/** What this file reads of a chunk in Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  readonly file: string;
  readonly css?: readonly string[];
  readonly imports?: readonly string[];
}

/** Vite's build manifest: chunks by their source key (`index.html` for the hub's entry). */
export type BuildManifest = Readonly<Record<string, ManifestChunk>>;

/** Where Vite writes the manifest in a build's folder when `build.manifest` is `true`. */
export const MANIFEST_PATH = '.vite/manifest.json';

/** The hub's page, which is also its entry's key in the manifest. */
const HUB_PAGE = 'index.html';

/**
 * The files the page `entry` loads at first, relative to the build's folder, sorted: the page,
 * its entry chunk, the chunks that one imports statically (transitively) and their CSS.
 *
 * @example
 * ```ts
 * firstLoadFiles({ 'index.html': { file: 'assets/index-1.js', css: ['assets/index-2.css'] } });
 * // → ['assets/index-1.js', 'assets/index-2.css', 'index.html']
 * ```
 */
export function firstLoadFiles(manifest: BuildManifest, entry: string = HUB_PAGE): string[] {
  const files = new Set<string>([entry]);
  const visited = new Set<string>();
  const visit = (key: string): void => {
    if (visited.has(key)) return;
    visited.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk "${key}"`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files].sort();
}

/**
 * Raw and gzip bytes of `contents`, each file gzipped on its own (level 9), summed.
 *
 * @example
 * ```ts
 * const { rawBytes, gzipBytes } = bundleBytes([new TextEncoder().encode('<!doctype html>')]);
 * // rawBytes: 15; gzipBytes: a little more, as gzip's header outweighs so short a text
 * ```
 */
export function bundleBytes(contents: readonly Uint8Array[]): { rawBytes: number; gzipBytes: number } {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const content of contents) {
    rawBytes += content.byteLength;
    gzipBytes += gzipSync(content, { level: 9 }).byteLength;
  }
  return { rawBytes, gzipBytes };
}

/**
 * The first-load bytes of the hub built in `outDir` (built with `build.manifest: true`).
 *
 * @example
 * ```ts
 * const { gzipBytes, files } = await hubBundleBytes('/tmp/peerstage-hub-bench-x/now');
 * console.log(`${files.length} files, ${gzipBytes} B gzipped`);
 * ```
 */
export async function hubBundleBytes(outDir: string): Promise<BundleBytes> {
  const manifest = JSON.parse(await readFile(join(outDir, MANIFEST_PATH), 'utf8')) as BuildManifest;
  const files = firstLoadFiles(manifest);
  const contents = await Promise.all(files.map((file) => readFile(join(outDir, file))));
  return { ...bundleBytes(contents), files };
}
