/**
 * Where the hub tells people what went wrong (and what it does about it): a live region that
 * screen readers announce, one dismissible line per distinct message.
 */
import { button, element } from './dom.ts';

export interface NoticesView {
  readonly element: HTMLElement;
  /** Shows `text` unless the same text shows already. */
  show(text: string): void;
  /** Removes the notice showing `text`, if one does. */
  dismiss(text: string): void;
}

/**
 * The notice area.
 *
 * @example
 * ```ts
 * import { humanMessage } from './humanMessage.ts';
 * const notices = noticesView();
 * room.errors$.subscribe((error) => notices.show(humanMessage(error)));
 * ```
 */
export function noticesView(): NoticesView {
  const list = element('ul', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const showing = new Map<string, HTMLElement>();
  const dismiss = (text: string) => {
    showing.get(text)?.remove();
    showing.delete(text);
  };
  return {
    element: list,
    show(text) {
      if (showing.has(text)) return;
      const item = element(
        'li',
        {},
        element('span', {}, text),
        ' ',
        button('Dismiss', () => dismiss(text)),
      );
      showing.set(text, item);
      list.append(item);
    },
    dismiss,
  };
}
