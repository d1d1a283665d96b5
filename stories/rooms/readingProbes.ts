/**
 * What the play functions read off a reading table (readingTable.ts): each row as its cells by
 * column name, with the exact number a `<data>` cell holds.
 */
import { within } from 'storybook/test';

export interface ReadCell {
  /** What the reader sees. */
  readonly text: string;
  /** The number behind it (a `<data>` cell's `value`), or `null` for a cell without one. */
  readonly value: number | null;
}

/** One row: its cells by column name, the row header's included (under the first column's name). */
export type ReadRow = Readonly<Record<string, ReadCell>>;

/**
 * The rows of the table named `name` in `container`, in order.
 *
 * @example
 * ```ts
 * const [toBo] = readingRows(cardOf(canvasElement, 'Ada'), 'Calls placed');
 * toBo?.['Video ≤']?.value; // 410000
 * ```
 */
export function readingRows(container: HTMLElement, name: string): ReadRow[] {
  const table = within(container).getByRole('table', { name });
  const columns = Array.from(table.querySelectorAll('thead th'), (header) => header.textContent);
  return Array.from(table.querySelectorAll('tbody tr'), (row) =>
    Object.fromEntries(
      Array.from(row.children, (cell, index) => {
        const data = cell.querySelector('data');
        return [columns[index] ?? String(index), { text: cell.textContent, value: data ? Number(data.value) : null }] as const;
      }),
    ),
  );
}

/**
 * The cell of `row` in `column`; throws when the table has no such column (a typo in a test).
 *
 * @example
 * ```ts
 * cell(row, 'Sending').value; // 312456
 * ```
 */
export function cell(row: ReadRow | undefined, column: string): ReadCell {
  const found = row?.[column];
  if (!found) throw new Error(`no "${column}" cell in ${row ? `the row of ${Object.values(row)[0]?.text}` : 'a missing row'}`);
  return found;
}
