/**
 * Reads the errors out of `tsc --pretty false`: `file(line,column): error TS…: message`, with
 * the lines of a long message's explanation indented below it.
 */

export interface CompilerError {
  /** As tsc names it (relative to where it ran); empty for an error in no file (a bad tsconfig). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `error TS2304: Cannot find name 'x'.`, with any further lines of explanation. */
  readonly message: string;
}

const LOCATED = /^(.+)\((\d+),(\d+)\): (error TS\d+: .*)$/;
const UNLOCATED = /^(error TS\d+: .*)$/;

/**
 * The errors in one run's output, in order.
 *
 * @example
 * ```ts
 * const [error] = compilerErrors(".examples/README.71.ts(4,3): error TS2304: Cannot find name 'room'.\n");
 * console.log(error?.line, error?.message); // 4 "error TS2304: Cannot find name 'room'."
 * ```
 */
export function compilerErrors(output: string): CompilerError[] {
  const errors: CompilerError[] = [];
  for (const line of output.split('\n')) {
    const located = LOCATED.exec(line);
    const unlocated = UNLOCATED.exec(line);
    const previous = errors.at(-1);
    if (located) {
      errors.push({ file: located[1] ?? '', line: Number(located[2]), column: Number(located[3]), message: located[4] ?? '' });
    } else if (unlocated) {
      errors.push({ file: '', line: 0, column: 0, message: unlocated[1] ?? '' });
    } else if (previous && /^\s/.test(line) && line.trim() !== '') {
      errors[errors.length - 1] = { ...previous, message: `${previous.message}\n${line}` };
    }
  }
  return errors;
}
