/**
 * The text of the Whole hub's "Keys and help" story: the room page's keyboard shortcuts, how
 * they are wired (one listener that presses the page's own controls), and the help dialog.
 */
import { SHORTCUTS } from '../../src/app/shortcuts.ts';

/** The shortcuts as a markdown table, from the same table the app and its help dialog use. */
const table = [
  '| Keys | What they do |',
  '| --- | --- |',
  ...SHORTCUTS.map((shortcut) => `| ${shortcut.shown.map((key) => `<kbd>${key}</kbd>`).join(' + ')} | ${shortcut.does} |`),
].join('\n');

export const HUB_KEYS_STORY = `
The room page answers the keys people know from Jitsi Meet, and **?** (or the **Help** button in
the control bar) lists them in a dialog. Click into the hub below (not into a text box) and try
them: **M** mutes, **V** turns the camera off, **C** jumps to the Message box, **?** opens the
list and **Esc** closes it. **Shift+L** leaves — a capital L, so a stray key never ends a call.

${table}

How it is built: \`keyboardShortcuts()\` is an Observable that holds one \`keydown\` listener on the
document exactly as long as it is subscribed — the room session subscribes, so leaving removes
it. It turns a key into an action (\`shortcutFor\`, a pure function) and ignores presses while
you type in a box, held-down repeats and presses with Ctrl, Alt or Meta (those are the
browser's). \`performShortcut\` then presses the control marked for the action
(\`markShortcut(button, 'mute')\`, which also sets \`aria-keyshortcuts\` for screen readers), so a
key can never do what the control cannot: a disabled Mute stays disabled. The help is a native
\`<dialog>\` opened with \`showModal()\`: the browser keeps focus inside and closes it on Esc; the
app puts focus back where it was.
`;
