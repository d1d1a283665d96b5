/**
 * Finds the TypeScript examples in a source file's TSDoc or in a Markdown file: every fenced
 * ` ```ts ` block, with where each of its lines stands in the file, so that a compiler error in
 * an example can be reported at its own line.
 */

/** One line of an example: its code, and where it is in the file it was taken from. */
export interface ExampleLine {
  readonly text: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** How many characters of the file's line come before `text` (` * ` in TSDoc, the fence's indent). */
  readonly offset: number;
}

export interface Example {
  /** The file it is in, relative to the repository (`src/rtc/Call.ts`, `README.md`). */
  readonly file: string;
  /** 1-based line of its opening fence. */
  readonly line: number;
  readonly lines: readonly ExampleLine[];
  /** `false` for a ` ```ts no-check ` block: shown as TypeScript, deliberately not compiled. */
  readonly check: boolean;
}

/** The text after ` ```ts ` that opts a block out of the check. */
export const NO_CHECK = 'no-check';

const TSDOC_LINE = /^(\s*\*\s?)(.*)$/;
const OPENING_FENCE = /^(\s*)```(?:ts|typescript)(?:\s+(\S+))?\s*$/;
const CLOSING_FENCE = /^\s*```\s*$/;

/**
 * The examples in `text`, the contents of `file`: in a `.md` file every ` ```ts ` block, in a
 * `.ts` file every one inside a `/** … *\/` comment, with the comment's ` * ` taken off.
 *
 * @example
 * ```ts
 * const [first] = extractExamples('src/rtc/Call.ts', readFileSync('src/rtc/Call.ts', 'utf8'));
 * console.log(first?.line, first?.lines.map((line) => line.text).join('\n'));
 * ```
 */
export function extractExamples(file: string, text: string): Example[] {
  const lines = text.split('\n');
  const isMarkdown = file.endsWith('.md');
  const examples: Example[] = [];
  let inDocComment = false;
  let open: { line: number; check: boolean; indent: number; lines: ExampleLine[] } | undefined;
  lines.forEach((raw, index) => {
    if (!isMarkdown) {
      if (raw.trimStart().startsWith('/**')) inDocComment = true;
      if (!inDocComment) return;
      if (raw.includes('*/')) inDocComment = false;
    }
    const content = isMarkdown ? { prefix: '', text: raw } : commentContent(raw);
    if (!content) return;
    if (!open) {
      const fence = OPENING_FENCE.exec(content.text);
      if (fence) open = { line: index + 1, check: fence[2] !== NO_CHECK, indent: fence[1]?.length ?? 0, lines: [] };
      return;
    }
    if (CLOSING_FENCE.test(content.text)) {
      examples.push({ file, line: open.line, lines: open.lines, check: open.check });
      open = undefined;
      return;
    }
    // Markdown indents a block inside a list item by the fence's indent; the code starts there.
    const indent = Math.min(open.indent, content.text.length - content.text.trimStart().length);
    open.lines.push({ text: content.text.slice(indent), line: index + 1, offset: content.prefix.length + indent });
  });
  return examples;
}

/** A TSDoc line without its leading ` * `, or `undefined` for the comment's first and last lines. */
function commentContent(raw: string): { prefix: string; text: string } | undefined {
  const match = TSDOC_LINE.exec(raw);
  if (!match || raw.trimStart().startsWith('/**') || raw.trimStart().startsWith('*/')) return undefined;
  return { prefix: match[1] ?? '', text: match[2] ?? '' };
}
