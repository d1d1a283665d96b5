import { describe, expect, it } from 'vitest';
import { exampleModule } from './exampleModule.ts';
import type { Example } from './extractExamples.ts';

function example(...texts: string[]): Example {
  return { file: 'src/rtc/Call.ts', line: 10, check: true, lines: texts.map((text, index) => ({ text, line: 11 + index, offset: 3 })) };
}

const paths = { module: '/repo/.examples/src/rtc/Call.10.ts', source: '/repo/src/rtc/Call.ts' };

describe('exampleModule', () => {
  it('imports what the example may use, then runs its code in an async function', () => {
    const module = exampleModule(example('await call.hangUp();'), paths, [
      { from: '/repo/src/rtc/Call.ts', names: [{ name: 'Call', typeOnly: false }] },
      { from: '/repo/tools/examples/browserContext.ts', names: [{ name: 'call', typeOnly: false }] },
      { from: 'rxjs', names: [{ name: 'map', typeOnly: false }] },
    ]);
    expect(module.text.split('\n').slice(1)).toEqual([
      "import { Call } from '../../../src/rtc/Call.ts';",
      "import { call } from '../../../tools/examples/browserContext.ts';",
      "import { map } from 'rxjs';",
      'export async function example_10(): Promise<void> {',
      'await call.hangUp();',
      '}',
      '',
    ]);
    expect(module.origins[5]).toEqual({ text: 'await call.hangUp();', line: 11, offset: 3 });
    expect(module.origins[4]).toBeUndefined();
  });

  it("lifts the example's imports and declarations to the top, and gives what they bind no other meaning", () => {
    const module = exampleModule(
      example(
        "import type { ChunkFrame } from './binaryFrames.ts';",
        'declare const chunk: ChunkFrame, sizes: Map<string, number>;',
        'use(chunk);',
      ),
      paths,
      [
        {
          from: '/repo/src/index.ts',
          names: [
            { name: 'ChunkFrame', typeOnly: true },
            { name: 'chunk', typeOnly: false },
            { name: 'sizes', typeOnly: false },
            { name: 'use', typeOnly: false },
          ],
        },
      ],
    );
    const lines = module.text.split('\n');
    expect(lines[1]).toBe("import { use } from '../../../src/index.ts';");
    expect(lines[2]).toBe("import type { ChunkFrame } from '../../../src/rtc/binaryFrames.ts';");
    expect(lines[3]).toBe('declare const chunk: ChunkFrame, sizes: Map<string, number>;');
    expect(lines[5]).toBe('use(chunk);');
    expect(module.origins[3]?.line).toBe(12);
  });

  it('reads every name a declaration binds, whatever the types between them', () => {
    const module = exampleModule(
      example('declare const a: Map<string, number>, b: (x: number) => void, c: { d: string };', 'a; b; c;'),
      paths,
      [{ from: '/repo/src/index.ts', names: ['a', 'b', 'c', 'd', 'x'].map((name) => ({ name, typeOnly: false })) }],
    );
    expect(module.text).toContain("import { d, x } from '../../../src/index.ts';");
  });

  it('imports a name exported as a value and as a type once, as a value', () => {
    const module = exampleModule(example('FrameKind.Chunk;'), paths, [
      {
        from: '/repo/src/rtc/binaryFrames.ts',
        names: [
          { name: 'FrameKind', typeOnly: false },
          { name: 'FrameKind', typeOnly: true },
        ],
      },
    ]);
    expect(module.text).toContain("import { FrameKind } from '../../../src/rtc/binaryFrames.ts';");
  });
});
