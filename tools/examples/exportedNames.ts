/**
 * The names a module exports, read from its source with a few patterns rather than a compiler:
 * peerstage writes its exports in a handful of plain forms (`export function x`, `export { x }
 * from`, `export * from`), and an example's imports only need their names and whether each is
 * a type.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** An exported name, and whether it is only a type (`import { type X }` under verbatimModuleSyntax). */
export interface ExportedName {
  readonly name: string;
  readonly typeOnly: boolean;
}

const DECLARATION =
  /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(function\*?|class|const|let|var|enum|interface|type|namespace)\s+([\w$]+)/gm;
const LIST = /^export\s+(type\s+)?\{([^}]*)\}/gm;
const STAR = /^export\s+\*\s+from\s+['"]([^'"]+)['"]/gm;
const STAR_AS = /^export\s+\*\s+as\s+([\w$]+)\s+from/gm;

/**
 * What `file` (an absolute path) exports, following `export * from` into the modules it names.
 *
 * @example
 * ```ts
 * const names = exportedNames(resolve('src/index.ts')).map(({ name }) => name); // ['PeerstageError', 'joinRoom', …]
 * ```
 */
export function exportedNames(file: string): ExportedName[] {
  const source = readFileSync(file, 'utf8');
  const names: ExportedName[] = [];
  for (const [, kind, name] of source.matchAll(DECLARATION)) {
    if (name) names.push({ name, typeOnly: kind === 'interface' || kind === 'type' });
  }
  for (const [, listIsTypes, list] of source.matchAll(LIST)) {
    for (const specifier of (list ?? '').split(',')) {
      const words = specifier.trim().split(/\s+/);
      const typeOnly = listIsTypes !== undefined || words[0] === 'type';
      const name = words.at(-1);
      if (name) names.push({ name, typeOnly });
    }
  }
  for (const [, name] of source.matchAll(STAR_AS)) {
    if (name) names.push({ name, typeOnly: false });
  }
  for (const [, specifier] of source.matchAll(STAR)) {
    if (specifier) names.push(...exportedNames(resolve(dirname(file), specifier)));
  }
  return names;
}
