/**
 * The chat log: one line per message, the sender's name and the text, both as text nodes. A
 * remote picks both, so a message like `<img src=x onerror=…>` must stay words on the page.
 */
import { el, labelled } from './el.ts';

/** An empty log, an ordered list named "Chat log" that screen readers follow. */
export function chatLog(): HTMLOListElement {
  const log = labelled(el('ol'), 'Chat log');
  log.setAttribute('aria-live', 'polite');
  return log;
}

/**
 * Appends `from: text` to `log`.
 *
 * @example
 * ```ts
 * appendLine(log, 'Bob', '<b>hi</b>'); // shows the tags as typed
 * ```
 */
export function appendLine(log: HTMLOListElement, from: string, text: string): void {
  log.append(el('li', {}, el('strong', {}, from), ': ', el('span', {}, text)));
}
