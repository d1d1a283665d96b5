/**
 * The library's entries, read from package.json's `exports`: the one list that the library
 * build (vite.lib.config.ts), the examples' checker and the consumer test all follow, so an
 * entry added there is built, checked and tested without a second list to forget.
 *
 * By convention the root entry `.` is built from `src/index.ts` into `peerstage.js`, and a
 * subpath `./x` from `src/x/index.ts` into `x.js`, its types in `x/index.d.ts` (where tsc puts
 * them from `src/x/index.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LibraryEntry {
  /** What a consumer imports: `peerstage`, `peerstage/rtc`. */
  readonly specifier: string;
  /** The bundle's name in `dist/lib` (without `.js`): `peerstage`, `rtc`. */
  readonly name: string;
  /** The source module, relative to the project: `src/index.ts`, `src/rtc/index.ts`. */
  readonly source: string;
  /** The built files package.json points at, relative to the package. */
  readonly types: string;
  readonly import: string;
}

interface PackageJson {
  readonly name: string;
  readonly exports: Record<string, { readonly types: string; readonly import: string }>;
}

/**
 * The entries of the package at `root`, root entry first.
 *
 * @example
 * ```ts
 * const subpaths = libraryEntries(process.cwd()).map(({ specifier }) => specifier); // ['peerstage', 'peerstage/rtc', …]
 * ```
 */
export function libraryEntries(root: string): LibraryEntry[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  return Object.entries(pkg.exports).map(([key, target]) => {
    if (key === '.') return { specifier: pkg.name, name: pkg.name, source: 'src/index.ts', ...target };
    const name = key.replace(/^\.\//, '');
    if (!/^[a-z]+$/.test(name)) throw new Error(`package.json: export ${key} should be ./<layer>, a folder of src`);
    return { specifier: `${pkg.name}/${name}`, name, source: `src/${name}/index.ts`, ...target };
  });
}
