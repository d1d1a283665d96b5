/**
 * Browsers let a page start sound only in answer to the user: wait for the first gesture
 * and start Tone.js's context then, never before (no autoplay warnings in the console).
 */
import { Observable } from 'rxjs';
import { start as startTone } from 'tone';
import { AudioError } from './AudioError.ts';

/**
 * The events that can carry user activation (HTML's "activation-triggering input events");
 * `click` comes after `pointerup` and adds nothing.
 */
export const GESTURE_EVENTS = ['pointerdown', 'pointerup', 'keydown', 'touchend'] as const;

/**
 * How long starting may take once a gesture asked for it. A context that may start does so
 * within milliseconds; Firefox with no audio output device never settles `resume()` at all,
 * and this is what turns that silence into an error.
 */
export const AUDIO_START_TIMEOUT_MS = 3_000;

export interface StartAudioOnGestureOptions {
  /** Starts the audio. Default `Tone.start`, which resumes Tone's global context. */
  readonly start?: () => Promise<void>;
  /**
   * Whether the page has user activation now. Not every gesture event grants it (a touch's
   * `pointerdown`, the Escape key): starting then would fail and warn, so such events are
   * passed over. Default `navigator.userActivation.isActive` where the browser has it.
   */
  readonly hasActivation?: () => boolean;
  /**
   * Milliseconds `start()` may take before the audio counts as unavailable. Default
   * {@link AUDIO_START_TIMEOUT_MS}; `Infinity` waits for ever.
   */
  readonly timeoutMs?: number;
}

/**
 * Listens on `target` for the first user gesture that grants activation, then removes its
 * listeners and starts the audio context; emits once the context has started and completes.
 * Unsubscribing before that removes the listeners (and the timeout) and starts nothing.
 *
 * Errors if starting fails, and with an {@link AudioError} `'audio-unavailable'` if starting
 * has not settled within `timeoutMs` — what Firefox does where there is no audio output
 * device. A context that starts later still runs; `audioPlayback()` sees it.
 *
 * Listeners are passive and in the capture phase, so a handler that stops propagation cannot
 * hide the gesture.
 *
 * Throws a `RangeError` at once for a `timeoutMs` that is not
 * more than 0.
 *
 * @example
 * ```ts
 * startAudioOnGesture().subscribe({
 *   next: () => console.log('sound on'),
 *   error: (error) => {
 *     if (error instanceof AudioError && error.reason === 'audio-unavailable') console.log('no sound on this machine');
 *   },
 * });
 * ```
 */
export function startAudioOnGesture(target: EventTarget = document, options: StartAudioOnGestureOptions = {}): Observable<void> {
  const start = options.start ?? startTone;
  const hasActivation = options.hasActivation ?? defaultHasActivation;
  const timeoutMs = options.timeoutMs ?? AUDIO_START_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new RangeError(`startAudioOnGesture: timeoutMs must be more than 0, not ${timeoutMs}`);
  }
  return new Observable<void>((subscriber) => {
    const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };
    let listening = true;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const stopListening = () => {
      if (!listening) return;
      listening = false;
      for (const type of GESTURE_EVENTS) target.removeEventListener(type, onGesture, listenerOptions);
    };
    const cleanup = () => {
      stopListening();
      clearTimeout(timeout);
    };
    function onGesture(): void {
      if (!hasActivation()) return;
      stopListening();
      // setTimeout takes Infinity as 0: waiting for ever means no timer at all.
      if (Number.isFinite(timeoutMs)) {
        timeout = setTimeout(
          () =>
            subscriber.error(
              new AudioError(
                'audio-unavailable',
                `startAudioOnGesture: the audio context did not start within ${timeoutMs} ms (no audio output device?)`,
              ),
            ),
          timeoutMs,
        );
      }
      // Settling ends the subscription, whose teardown clears the timeout; a start that
      // settles after the timeout reaches a closed subscriber and changes nothing.
      start().then(
        () => {
          subscriber.next();
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error),
      );
    }
    for (const type of GESTURE_EVENTS) target.addEventListener(type, onGesture, listenerOptions);
    return cleanup;
  });
}

function defaultHasActivation(): boolean {
  // Browsers without the User Activation API: trust the event, as Tone's own examples do.
  return globalThis.navigator?.userActivation?.isActive ?? true;
}
