/**
 * Browsers run Web Audio only after a gesture, and Firefox with no audio output device never
 * runs it: until sound runs, levels and speaking lights read silence. This says so in the
 * room's notices, starts sound on the first click or key, and names the failure when sound
 * cannot start at all.
 */
import { catchError, defer, EMPTY, ignoreElements, merge, type Observable, switchMap, tap, timer } from 'rxjs';
import { audioPlayback } from '../audio/audioPlayback.ts';
import { startAudioOnGesture } from '../audio/startAudioOnGesture.ts';
import { humanMessage } from './humanMessage.ts';
import type { NoticesView } from './noticesView.ts';

export const SOUND_OFF_NOTICE = 'Sound is off until you click or press a key.';

/**
 * A context created after the Join click starts by itself, though it is 'suspended' for a
 * moment first: showing the notice only after this long keeps it from flashing (and from
 * being announced by screen readers) when nobody needs to act.
 */
export const SOUND_OFF_GRACE_MS = 500;

export interface SoundNoticeOptions {
  /** Whether sound runs. Default `audioPlayback()`, Tone's global context. */
  readonly playback$?: Observable<boolean>;
  /** Starts sound on a gesture (see `startAudioOnGesture`). Default `startAudioOnGesture()`. */
  readonly start$?: Observable<void>;
}

/**
 * While sound is off, shows {@link SOUND_OFF_NOTICE} and starts sound on the first gesture;
 * dismisses it once sound runs. If starting fails (an `AudioError` `'audio-unavailable'` where
 * the browser has no audio output), shows that failure in words instead, until sound runs
 * after all. Never emits; unsubscribing removes its listeners and timers (notices it showed
 * stay with the notice area, which goes with the room page).
 *
 * @example
 * ```ts
 * import { noticesView } from './noticesView.ts';
 * const notices = noticesView();
 * const sound = soundNotice(notices).subscribe(); // unsubscribed with the room page
 * ```
 */
export function soundNotice(notices: Pick<NoticesView, 'show' | 'dismiss'>, options: SoundNoticeOptions = {}): Observable<never> {
  return defer(() => {
    const playback$ = options.playback$ ?? audioPlayback();
    const start$ = options.start$ ?? startAudioOnGesture();
    let failure: string | undefined;
    const showFailure = (error: unknown) => {
      notices.dismiss(SOUND_OFF_NOTICE);
      failure = humanMessage(error);
      notices.show(failure);
      // Clicking again would not help (the context was asked and never answered): stop here
      // and let a later 'running' clear the message.
      return EMPTY;
    };
    return playback$.pipe(
      switchMap((running) => {
        if (running) {
          notices.dismiss(SOUND_OFF_NOTICE);
          if (failure !== undefined) notices.dismiss(failure);
          failure = undefined;
          return EMPTY;
        }
        return merge(
          timer(SOUND_OFF_GRACE_MS).pipe(
            tap(() => {
              if (failure === undefined) notices.show(SOUND_OFF_NOTICE);
            }),
          ),
          start$.pipe(catchError(showFailure)),
        ).pipe(ignoreElements());
      }),
    );
  });
}
