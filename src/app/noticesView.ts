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
  // The live region wraps the list: a list given role=status would be a list no more, and its
  // items would be orphans to assistive technology.
  const list = element('ul', { class: 'notice-list' });
  const region = element('div', { class: 'notices', role: 'status', 'aria-live': 'polite' }, list);
  const showing = new Map<string, HTMLElement>();
  const dismiss = (text: string) => {
    showing.get(text)?.remove();
    showing.delete(text);
  };
  return {
    element: region,
    show(text) {
      if (showing.has(text)) return;
      const item = element(
        'li',
        {},
        element('span', {}, text),
        ' ',
        button('Dismiss', () => dismiss(text), { class: 'quiet' }),
      );
      showing.set(text, item);
      list.append(item);
    },
    dismiss,
  };
}
