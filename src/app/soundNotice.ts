/**
 * Browsers run Web Audio only after a gesture, and Firefox with no audio output device never
 * runs it: until sound runs, levels and speaking lights read silence. This shows a "Click to
 * hear the room" button, starts sound on it (or on any first click or key), and names the
 * failure in the room's notices when sound cannot start at all.
 */
import { catchError, defer, EMPTY, finalize, ignoreElements, merge, type Observable, switchMap, tap, timer } from 'rxjs';
import { audioPlayback } from '../audio/audioPlayback.ts';
import { startAudioOnGesture } from '../audio/startAudioOnGesture.ts';
import { humanMessage } from './humanMessage.ts';
import type { NoticesView } from './noticesView.ts';
import { type SoundPrompt, soundPrompt } from './soundPrompt.ts';

export { SOUND_PROMPT_LABEL } from './soundPrompt.ts';

/**
 * A context created after the Join click starts by itself, though it is 'suspended' for a
 * moment first: showing the prompt only after this long keeps it from flashing (and from
 * being announced by screen readers) when nobody needs to act.
 */
export const SOUND_OFF_GRACE_MS = 500;

export interface SoundNoticeOptions {
  /** Whether sound runs. Default `audioPlayback()`, Tone's global context. */
  readonly playback$?: Observable<boolean>;
  /** Starts sound on a gesture (see `startAudioOnGesture`). Default `startAudioOnGesture()`. */
  readonly start$?: Observable<void>;
  /** The button to show while sound is off. Default `soundPrompt(notices.element)`, just after the notices. */
  readonly prompt?: SoundPrompt;
}

/**
 * While sound is off, shows the "Click to hear the room" prompt and starts sound on the first
 * gesture (a click on the prompt is one); hides it once sound runs. If starting fails (an
 * `AudioError` `'audio-unavailable'` where the browser has no audio output), shows that
 * failure in words instead, until sound runs after all. Never emits; unsubscribing removes its
 * listeners, timers and the prompt (failure notices stay with the notice area, which goes with
 * the room page).
 *
 * @example
 * ```ts
 * import { noticesView } from './noticesView.ts';
 * const notices = noticesView();
 * const sound = soundNotice(notices).subscribe(); // unsubscribed with the room page
 * ```
 */
export function soundNotice(
  notices: Pick<NoticesView, 'show' | 'dismiss'> & Partial<Pick<NoticesView, 'element'>>,
  options: SoundNoticeOptions = {},
): Observable<never> {
  const { element } = notices;
  if (!options.prompt && !element) throw new TypeError('soundNotice: give notices with an element, or a prompt');
  return defer(() => {
    const playback$ = options.playback$ ?? audioPlayback();
    const start$ = options.start$ ?? startAudioOnGesture();
    const prompt = options.prompt ?? soundPrompt(element as HTMLElement);
    let failure: string | undefined;
    const showFailure = (error: unknown) => {
      prompt.hide();
      failure = humanMessage(error);
      notices.show(failure);
      // Clicking again would not help (the context was asked and never answered): stop here
      // and let a later 'running' clear the message.
      return EMPTY;
    };
    return playback$.pipe(
      switchMap((running) => {
        if (running) {
          prompt.hide();
          if (failure !== undefined) notices.dismiss(failure);
          failure = undefined;
          return EMPTY;
        }
        return merge(
          timer(SOUND_OFF_GRACE_MS).pipe(
            tap(() => {
              if (failure === undefined) prompt.show();
            }),
          ),
          start$.pipe(catchError(showFailure)),
        ).pipe(ignoreElements());
      }),
      finalize(() => prompt.hide()),
    );
  });
}
