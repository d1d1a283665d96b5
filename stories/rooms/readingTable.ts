/**
 * A table of live readings, one row per member: column headers, the member's name as the row
 * header (as text), and each figure in a `<data>` element whose `value` is the exact number
 * behind the rounded text, so that a play function checks the number, not its wording.
 */
import { el, labelled } from '../peer-basics/el.ts';

export interface ReadingTable {
  readonly root: HTMLTableElement;
  /** Adds a row for `name`; returns it and a setter per column after the first. */
  row(name: string): ReadingRow;
}

export interface ReadingRow {
  readonly element: HTMLTableRowElement;
  /** Puts `content` (text, or a {@link reading}) in the column named `column`. */
  set(column: string, content: Node | string): void;
}

/**
 * A table named `name`: `columns[0]` heads the row headers (the members), the rest the
 * readings.
 *
 * @example
 * ```ts
 * const table = readingTable('Calls placed', ['To', 'Video ≤'], 'What each call may send.');
 * table.row('Bo').set('Video ≤', reading(410_000, kbps));
 * ```
 */
export function readingTable(name: string, columns: readonly string[], caption: string): ReadingTable {
  const body = el('tbody');
  const captionElement = el('caption', {}, caption);
  Object.assign(captionElement.style, { textAlign: 'left', fontSize: '0.85em', paddingBottom: '0.25rem' });
  const root = labelled(
    el('table', {}, captionElement, el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col' }, column)))), body),
    name,
  );
  Object.assign(root.style, { textAlign: 'left', fontSize: '0.85em', borderSpacing: '0.5rem 0.1rem' });
  return {
    root,
    row(rowName) {
      const cells = new Map(columns.slice(1).map((column) => [column, el('td', {}, '–')] as const));
      const element = el('tr', {}, el('th', { scope: 'row' }, rowName), ...cells.values());
      body.append(element);
      return {
        element,
        set(column, content) {
          cells.get(column)?.replaceChildren(content);
        },
      };
    },
  };
}

/**
 * A figure as `<data value="…">text</data>`, or '–' when there is none.
 *
 * @example
 * ```ts
 * reading(412_345, (bps) => `${Math.round(bps / 1000)} kbit/s`); // <data value="412345">412 kbit/s</data>
 * ```
 */
export function reading(value: number | null | undefined, text: (value: number) => string): Node | string {
  return value === null || value === undefined ? '–' : el('data', { value: String(value) }, text(value));
}

/** Bits per second in kbit/s, as the stories write them. */
export const kbps = (bps: number): string => `${Math.round(bps / 1_000)} kbit/s`;
