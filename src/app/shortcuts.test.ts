import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, shortcutOf, type KeyPress, type ShortcutAction } from './shortcuts.ts';

const press = (key: string, held: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...held,
});

describe('shortcutFor', () => {
  it.each<[string, Partial<KeyPress>, ShortcutAction]>([
    ['m', {}, 'mute'],
    ['M', {}, 'mute'], // Caps Lock on
    ['v', {}, 'camera'],
    ['d', {}, 'share'],
    ['c', {}, 'chat'],
    ['/', {}, 'chat'],
    ['/', { shiftKey: true }, 'chat'], // a layout where / needs Shift
    ['L', { shiftKey: true }, 'leave'],
    ['?', { shiftKey: true }, 'help'],
    ['?', {}, 'help'],
  ])('%s (%o) is %s', (key, held, action) => {
    expect(shortcutFor(press(key, held))).toBe(action);
  });

  it('never takes a key from the browser or the system (Ctrl, Alt, Meta)', () => {
    for (const held of [{ ctrlKey: true }, { altKey: true }, { metaKey: true }]) {
      for (const key of ['m', 'v', 'c', 'd', '?', 'L']) expect(shortcutFor(press(key, { ...held, shiftKey: key === 'L' }))).toBeUndefined();
    }
  });

  it('leaves only with Shift held: a stray L does nothing', () => {
    expect(shortcutFor(press('l'))).toBeUndefined();
    expect(shortcutFor(press('L'))).toBeUndefined(); // Caps Lock, no Shift
  });

  it('takes Shift+M as nothing rather than a mute', () => {
    expect(shortcutFor(press('M', { shiftKey: true }))).toBeUndefined();
  });

  it('ignores other keys', () => {
    for (const key of ['a', 'Enter', ' ', 'Escape', 'Tab', 'ArrowUp', 'Dead']) expect(shortcutFor(press(key))).toBeUndefined();
  });
});

describe('SHORTCUTS', () => {
  it('has one shortcut per action, and no key twice', () => {
    const actions = SHORTCUTS.map((shortcut) => shortcut.action);
    expect(new Set(actions).size).toBe(actions.length);
    const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => `${shortcut.shift}:${key}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds each by its action', () => {
    expect(shortcutOf('leave').aria).toBe('Shift+L');
    expect(() => shortcutOf('nothing' as ShortcutAction)).toThrow(RangeError);
  });
});
