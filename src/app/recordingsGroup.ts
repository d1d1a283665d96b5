/**
 * What the panel's lists of recordings share: unique file names, a word when storage changed,
 * a place to log problems, and a group (a heading over lists) that hides while it lists nothing.
 */
import { element } from './dom.ts';

export interface RecordingsContext {
  /** File names handed out once each (see recordingNames). */
  readonly names: { take(fileName: string): string };
  /** Told after something in storage changed (a recording added, recovered or deleted). */
  readonly changed: () => void;
  /** Told of each problem a line says in words, with its cause: to log it. */
  readonly problem: (error: unknown) => void;
}

/** A heading over some lists, hidden while they are all empty. */
export interface RecordingsGroup {
  readonly element: HTMLElement;
  /** Shows or hides the group after its lists changed. */
  update(): void;
}

/**
 * A group headed `heading` over `lists`.
 *
 * @example
 * ```ts
 * import { element } from './dom.ts';
 * const list = element('ul', { class: 'recordings-list', 'aria-label': 'Recordings' });
 * const group = recordingsGroup('This visit', list);
 * list.append(element('li', {}, 'take 1'));
 * group.update();
 * ```
 */
export function recordingsGroup(heading: string, ...lists: readonly HTMLUListElement[]): RecordingsGroup {
  const group = element('section', { class: 'recordings-group', hidden: '' }, element('h3', {}, heading), ...lists);
  return {
    element: group,
    update() {
      group.hidden = lists.every((list) => list.children.length === 0);
      for (const list of lists) list.hidden = list.children.length === 0;
    },
  };
}
