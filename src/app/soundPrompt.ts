/**
 * The "Click to hear the room" button: shown while Web Audio waits for a gesture, so that the
 * person sees what to do rather than wondering why the room is silent.
 */
import { start as startTone } from 'tone';
import { iconButton } from './icons.ts';
import './soundPrompt.css';

export const SOUND_PROMPT_LABEL = 'Click to hear the room';

/** Where the prompt appears and goes; `soundNotice` drives it. */
export interface SoundPrompt {
  show(): void;
  hide(): void;
}

/**
 * A prompt placed right after `anchor` (the room's notices) while shown; clicking it starts
 * sound with `start` (default `Tone.start`). Its failures are not its to report: the gesture
 * wait that the same click triggers reports them (see `soundNotice`).
 *
 * @example
 * ```ts
 * import { noticesView } from './noticesView.ts';
 * const notices = noticesView();
 * const prompt = soundPrompt(notices.element);
 * prompt.show(); // later, once sound runs: prompt.hide()
 * ```
 */
export function soundPrompt(anchor: Element, start: () => Promise<void> = startTone): SoundPrompt {
  const prompt = iconButton(SOUND_PROMPT_LABEL, 'sound', () => void start().catch(() => undefined), { class: 'sound-prompt' });
  return {
    show: () => {
      if (!prompt.isConnected) anchor.after(prompt);
    },
    hide: () => prompt.remove(),
  };
}
