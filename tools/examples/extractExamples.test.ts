import { describe, expect, it } from 'vitest';
import { extractExamples } from './extractExamples.ts';

describe('extractExamples', () => {
  it('takes the ts blocks of doc comments, without their ` * `, and says where each line is', () => {
    const source = [
      '/**',
      ' * Says hello.',
      ' *',
      ' * @example',
      ' * ```ts',
      ' * hello();',
      ' * if (ok) {',
      ' *   hello();',
      ' * }',
      ' * ```',
      ' */',
      'export function hello(): void {}',
    ].join('\n');
    const [example, ...others] = extractExamples('src/hello.ts', source);
    expect(others).toEqual([]);
    expect(example?.line).toBe(5);
    expect(example?.check).toBe(true);
    expect(example?.lines).toEqual([
      { text: 'hello();', line: 6, offset: 3 },
      { text: 'if (ok) {', line: 7, offset: 3 },
      { text: '  hello();', line: 8, offset: 3 },
      { text: '}', line: 9, offset: 3 },
    ]);
  });

  it('leaves fences outside doc comments, and blocks in other languages, alone', () => {
    const source = ['// ```ts', '// nope();', '// ```', '/**', ' * ```sh', ' * npm test', ' * ```', ' */'].join('\n');
    expect(extractExamples('src/other.ts', source)).toEqual([]);
  });

  it('takes a Markdown block, indented in a list item or not, and honours no-check', () => {
    const markdown = ['1. Run it:', '   ```ts', '   run();', '   ```', '', '```ts no-check', 'a shape, not code', '```'].join('\n');
    const [listed, unchecked] = extractExamples('README.md', markdown);
    expect(listed?.lines).toEqual([{ text: 'run();', line: 3, offset: 3 }]);
    expect(listed?.check).toBe(true);
    expect(unchecked?.check).toBe(false);
    expect(unchecked?.line).toBe(6);
  });
});
