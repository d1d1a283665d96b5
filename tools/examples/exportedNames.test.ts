import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportedNames } from './exportedNames.ts';

describe('exportedNames', () => {
  let folder: string | undefined;
  afterEach(() => folder && rmSync(folder, { recursive: true }));

  it('reads declarations, lists and star re-exports, and which names are only types', () => {
    folder = mkdtempSync(join(tmpdir(), 'exported-names-'));
    writeFileSync(
      join(folder, 'index.ts'),
      [
        'export * from "./more.ts";',
        'export { join, part as piece, type Shape } from "./parts.ts";',
        'export type { Plan } from "./plan.ts";',
        'export async function run(): Promise<void> {}',
        'export abstract class Base {}',
        'export const LIMIT = 3;',
        'export interface Options {}',
        'export type Mode = "a" | "b";',
        ' * export const notInAComment = 1;',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'more.ts'), 'export function more(): void {}\n');
    expect(exportedNames(join(folder, 'index.ts'))).toEqual([
      { name: 'run', typeOnly: false },
      { name: 'Base', typeOnly: false },
      { name: 'LIMIT', typeOnly: false },
      { name: 'Options', typeOnly: true },
      { name: 'Mode', typeOnly: true },
      { name: 'join', typeOnly: false },
      { name: 'piece', typeOnly: false },
      { name: 'Shape', typeOnly: true },
      { name: 'Plan', typeOnly: true },
      { name: 'more', typeOnly: false },
    ]);
  });
});
