/**
 * The room page's keyboard shortcuts, as data: which key does what, how the help dialog says
 * it, and how `aria-keyshortcuts` announces it. The keys follow Jitsi Meet's (M, V, D, C, ?),
 * which most people who use a web meeting with a keyboard already know. Leave is Shift+L, not
 * a bare L: a stray key should never end someone's call.
 */

/** What a shortcut does: each is the same as pressing (or, for `chat`, focusing) one control. */
export type ShortcutAction = 'mute' | 'camera' | 'share' | 'chat' | 'leave' | 'help';

export interface Shortcut {
  readonly action: ShortcutAction;
  /** The `KeyboardEvent.key` values that trigger it, lower case for letters. */
  readonly keys: readonly string[];
  /** Whether Shift must be held (for letters); `?` is typed with Shift anyway and ignores it. */
  readonly shift: boolean;
  /** The `aria-keyshortcuts` value of the control it presses. */
  readonly aria: string;
  /** The keys as the help dialog shows them. */
  readonly shown: readonly string[];
  /** What it does, in words. */
  readonly does: string;
}

/** Every shortcut of the room page, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'mute', keys: ['m'], shift: false, aria: 'M', shown: ['M'], does: 'Mute or unmute your microphone' },
  { action: 'camera', keys: ['v'], shift: false, aria: 'V', shown: ['V'], does: 'Turn your camera off or on' },
  { action: 'share', keys: ['d'], shift: false, aria: 'D', shown: ['D'], does: 'Share your screen, or stop sharing it' },
  { action: 'chat', keys: ['c', '/'], shift: false, aria: 'C /', shown: ['C', '/'], does: 'Write in the chat (moves to the Message box)' },
  { action: 'leave', keys: ['l'], shift: true, aria: 'Shift+L', shown: ['Shift', 'L'], does: 'Leave the room' },
  { action: 'help', keys: ['?'], shift: true, aria: 'Shift+?', shown: ['?'], does: 'Show these shortcuts' },
];

/** The parts of a `KeyboardEvent` that choose a shortcut. */
export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/**
 * The action `press` asks for, or `undefined`. Presses with Ctrl, Alt or Meta are the
 * browser's and the system's (Ctrl+C copies), never the room's. Letters match in either case
 * (Caps Lock on), but Shift must be held exactly when the shortcut says so.
 *
 * @example
 * ```ts
 * shortcutFor({ key: 'm', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false }); // 'mute'
 * shortcutFor({ key: 'L', shiftKey: true, ctrlKey: false, altKey: false, metaKey: false }); // 'leave'
 * ```
 */
export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  if (press.ctrlKey || press.altKey || press.metaKey) return undefined;
  const key = press.key.toLowerCase();
  const found = SHORTCUTS.find(
    (shortcut) => shortcut.keys.includes(key) && (key === '?' || key === '/' || shortcut.shift === press.shiftKey),
  );
  return found?.action;
}

/** The shortcut for `action` (every action has exactly one). */
export function shortcutOf(action: ShortcutAction): Shortcut {
  const found = SHORTCUTS.find((shortcut) => shortcut.action === action);
  if (!found) throw new RangeError(`shortcutOf: no shortcut for '${String(action)}'`);
  return found;
}

/**
 * Marks `control` as the one `action` presses (or focuses), and tells assistive technology
 * its keys with `aria-keyshortcuts`. Returns `control`.
 *
 * @example
 * ```ts
 * import { iconButton } from './icons.ts';
 * const leave = markShortcut(iconButton('Leave', 'leave', () => room.leave()), 'leave');
 * ```
 */
export function markShortcut<T extends Element>(control: T, action: ShortcutAction): T {
  control.setAttribute('data-shortcut', action);
  control.setAttribute('aria-keyshortcuts', shortcutOf(action).aria);
  return control;
}
