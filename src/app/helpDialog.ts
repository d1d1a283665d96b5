/**
 * The "Keyboard shortcuts" help: a native modal `<dialog>` listing every shortcut of the room
 * page. The browser gives it what a modal needs (focus inside, the rest of the page inert,
 * Esc closes); this adds a Close button and puts focus back where it was.
 */
import { button, element } from './dom.ts';
import { icon } from './icons.ts';
import { SHORTCUTS } from './shortcuts.ts';

/** The dialog's accessible name (its heading). */
export const HELP_TITLE = 'Keyboard shortcuts';

export interface HelpDialog {
  /** The `<dialog>`; it goes with the page it is put in. */
  readonly element: HTMLDialogElement;
  /** Opens it (a no-op when open), moving focus to its Close button. */
  open(): void;
  /** Closes it, and focus returns to where it was when it opened. */
  close(): void;
}

let dialogs = 0;

/**
 * The help dialog, closed; put `element` in the page and call `open()` (the Help button and
 * the `?` key do).
 *
 * @example
 * ```ts
 * const help = helpDialog();
 * document.body.append(help.element);
 * help.open();
 * ```
 */
export function helpDialog(): HelpDialog {
  const titleId = `help-title-${++dialogs}`;
  const rows = SHORTCUTS.map((shortcut) =>
    element(
      'tr',
      {},
      element('th', { scope: 'row' }, ...shortcut.shown.flatMap((key, index) => [index > 0 ? ' ' : null, element('kbd', {}, key)])),
      element('td', {}, shortcut.does),
    ),
  );
  const close = button('Close', () => dialog.close(), { class: 'primary', autofocus: '' });
  const dialog = element(
    'dialog',
    { class: 'help-dialog', 'aria-labelledby': titleId },
    element('h2', { id: titleId }, icon('keyboard'), ' ', HELP_TITLE),
    element(
      'table',
      { class: 'shortcut-table' },
      element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, 'Keys'), element('th', { scope: 'col' }, 'What they do'))),
      element('tbody', {}, ...rows),
    ),
    element('p', { class: 'hint' }, 'Shortcuts work anywhere on the room page, except while you type in a box (press Tab to leave it).'),
    element('div', { class: 'dialog-actions' }, close),
  );
  let returnTo: Element | null = null;
  // Esc, the Close button and close() all end here.
  dialog.addEventListener('close', () => {
    const back = returnTo;
    returnTo = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  });
  return {
    element: dialog,
    open() {
      if (dialog.open) return;
      returnTo = document.activeElement;
      dialog.showModal();
    },
    close: () => dialog.close(),
  };
}
