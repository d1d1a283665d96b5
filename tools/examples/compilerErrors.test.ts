import { describe, expect, it } from 'vitest';
import { compilerErrors } from './compilerErrors.ts';

describe('compilerErrors', () => {
  it('reads located errors with their explanation, and errors in no file', () => {
    const output = [
      ".examples/README.71.ts(4,3): error TS2304: Cannot find name 'room'.",
      ".examples/src/rtc/Call.62.ts(5,30): error TS2345: Argument of type 'undefined' is not assignable.",
      "  Type 'undefined' is not assignable to type 'MediaStreamTrack | null'.",
      "error TS5083: Cannot read file '/repo/tsconfig.json'.",
      '',
    ].join('\n');
    expect(compilerErrors(output)).toEqual([
      { file: '.examples/README.71.ts', line: 4, column: 3, message: "error TS2304: Cannot find name 'room'." },
      {
        file: '.examples/src/rtc/Call.62.ts',
        line: 5,
        column: 30,
        message:
          "error TS2345: Argument of type 'undefined' is not assignable.\n  Type 'undefined' is not assignable to type 'MediaStreamTrack | null'.",
      },
      { file: '', line: 0, column: 0, message: "error TS5083: Cannot read file '/repo/tsconfig.json'." },
    ]);
  });
});
