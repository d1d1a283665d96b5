/**
 * The room page's keyboard shortcuts at work: one keydown listener, held exactly as long as
 * its subscription, that turns key presses into actions; and the one way an action is carried
 * out — by pressing (or focusing) the control marked for it, so a shortcut can never do what
 * the control itself cannot (a disabled Mute stays disabled).
 */
import { Observable } from 'rxjs';
import { shortcutFor, type ShortcutAction } from './shortcuts.ts';

/** Inputs that take no typed text: a shortcut key pressed on them is still a shortcut. */
const NOT_TYPED = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/**
 * Whether key presses on `target` are someone typing (a text box, a text area, a select, an
 * editable element), which shortcuts must leave alone.
 *
 * @example
 * ```ts
 * document.addEventListener('keydown', (event) => console.log(isTyping(event.target)));
 * ```
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * Emits the action of each shortcut pressed in `target` (default: the whole document) while
 * subscribed, and keeps the key from doing anything else. Ignored: presses while typing,
 * held-down repeats, presses someone else handled already, and presses during an IME
 * composition. Unsubscribing removes the listener.
 *
 * @example
 * ```ts
 * const keys = keyboardShortcuts().subscribe((action) => console.log('pressed', action));
 * keys.unsubscribe(); // the listener goes
 * ```
 */
export function keyboardShortcuts(target: EventTarget = document): Observable<ShortcutAction> {
  return new Observable<ShortcutAction>((subscriber) => {
    const onKey = (event: Event) => {
      if (!(event instanceof KeyboardEvent) || event.defaultPrevented || event.repeat || event.isComposing) return;
      if (isTyping(event.target)) return;
      const action = shortcutFor(event);
      if (action === undefined) return;
      event.preventDefault();
      subscriber.next(action);
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  });
}

/**
 * Carries out `action` on the control inside `root` marked for it (see `markShortcut`): a
 * button is clicked unless disabled, a text box is focused. Returns whether anything was done
 * (nothing, before the room page has that control).
 *
 * @example
 * ```ts
 * keyboardShortcuts().subscribe((action) => performShortcut(document.body, action));
 * ```
 */
export function performShortcut(root: ParentNode, action: ShortcutAction): boolean {
  const control = root.querySelector(`[data-shortcut="${action}"]`);
  if (control instanceof HTMLButtonElement) {
    if (control.disabled) return false;
    control.click();
    return true;
  }
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
    control.focus();
    return true;
  }
  return false;
}
