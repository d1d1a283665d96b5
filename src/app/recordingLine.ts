/**
 * One recording in the panel's lists: its file name, the room it was made in, size, length and
 * when it was made, a line that says what is happening to it (or what went wrong), and its
 * buttons.
 */
import { element } from './dom.ts';
import type { RecordingFacts } from './recordingFacts.ts';
import { lengthText, madeAtText, sizeText } from './recordingTime.ts';
import './recordingsList.css';

export interface RecordingLine {
  readonly element: HTMLLIElement;
  /** Shows the file's size and length. */
  showFacts(facts: RecordingFacts): void;
  /** Shows the stored size, and a word instead of a length (an interrupted recording has none yet). */
  showSize(bytes: number, length: string): void;
  /** Says what is happening to it, or what went wrong, in words; `''` clears it. */
  note(text: string): void;
  /** Replaces its buttons. */
  actions(...buttons: readonly HTMLButtonElement[]): void;
  /** Turns its buttons off (while something runs) or back on. */
  busy(busy: boolean): void;
}

/** What a line says of its recording before it knows size and length. */
export interface RecordingLineFacts {
  /** The name its download gets. */
  readonly fileName: string;
  /** When recording started, in ms since the epoch. */
  readonly startedAt: number;
  /** The room it was recorded in, as the link named it; the file name only keeps a slug of it. */
  readonly room?: string;
  /** A word that marks it, e.g. "Interrupted". */
  readonly badge?: string;
}

let lines = 0;

/**
 * A list item for one recording. Size and length read "…" until shown. Everything is text:
 * names and rooms come from storage, which any page of this origin can write, and rooms from
 * links anyone can send.
 *
 * @example
 * ```ts
 * declare const list: HTMLUListElement;
 * const line = recordingLine({ fileName: 'peerstage-jam-2026-12-03-2240.webm', startedAt: Date.now(), room: 'jam' });
 * line.showFacts({ bytes: 1_200_000, durationS: 42 });
 * list.append(line.element);
 * ```
 */
export function recordingLine({ fileName, startedAt, room, badge }: RecordingLineFacts): RecordingLine {
  lines += 1;
  const nameId = `recording-name-${lines}`;
  const size = element('span', { class: 'recording-size' }, '…');
  const length = element('span', { class: 'recording-length' }, '…');
  const madeAt = madeAtText(startedAt);
  const made = madeAt
    ? element('time', { class: 'recording-made', datetime: madeAt.iso }, madeAt.text)
    : element('span', { class: 'recording-made' }, 'time unknown');
  const note = element('p', { class: 'recording-note', role: 'status' });
  const actions = element('div', { class: 'recording-actions' });
  const item = element(
    'li',
    { class: 'recording-item', 'aria-labelledby': nameId },
    element(
      'div',
      { class: 'recording-head' },
      element('span', { class: 'recording-name', id: nameId }, fileName),
      badge ? element('span', { class: 'recording-badge' }, badge) : null,
    ),
    room ? element('div', { class: 'recording-room' }, 'Room ', element('q', {}, room)) : null,
    element('div', { class: 'recording-facts' }, size, ' · ', length, ' · ', made),
    note,
    actions,
  );
  return {
    element: item,
    showFacts(facts) {
      size.textContent = sizeText(facts.bytes);
      length.textContent = lengthText(facts.durationS);
    },
    showSize(bytes, word) {
      size.textContent = sizeText(bytes);
      length.textContent = word;
    },
    note(text) {
      note.textContent = text;
    },
    actions(...buttons) {
      actions.replaceChildren(...buttons);
    },
    busy(busy) {
      for (const button of actions.querySelectorAll('button')) button.disabled = busy;
    },
  };
}
