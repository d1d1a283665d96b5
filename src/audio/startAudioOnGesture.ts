/**
 * Browsers let a page start sound only in answer to the user: wait for the first gesture
 * and start Tone.js's context then, never before (no autoplay warnings in the console).
 */
import { Observable } from 'rxjs';
import { start as startTone } from 'tone';

/**
 * The events that can carry user activation (HTML's "activation-triggering input events");
 * `click` comes after `pointerup` and adds nothing.
 */
export const GESTURE_EVENTS = ['pointerdown', 'pointerup', 'keydown', 'touchend'] as const;

export interface StartAudioOnGestureOptions {
  /** Starts the audio. Default `Tone.start`, which resumes Tone's global context. */
  readonly start?: () => Promise<void>;
  /**
   * Whether the page has user activation now. Not every gesture event grants it (a touch's
   * `pointerdown`, the Escape key): starting then would fail and warn, so such events are
   * passed over. Default `navigator.userActivation.isActive` where the browser has it.
   */
  readonly hasActivation?: () => boolean;
}

/**
 * Listens on `target` for the first user gesture that grants activation, then removes its
 * listeners and starts the audio context; emits once the context has started and completes.
 * Unsubscribing before that removes the listeners and starts nothing. Errors if starting
 * fails.
 *
 * Listeners are passive and in the capture phase, so a handler that stops propagation cannot
 * hide the gesture.
 *
 * @example
 * ```ts
 * startAudioOnGesture().subscribe(() => console.log('sound on'));
 * ```
 */
export function startAudioOnGesture(target: EventTarget = document, options: StartAudioOnGestureOptions = {}): Observable<void> {
  const start = options.start ?? startTone;
  const hasActivation = options.hasActivation ?? defaultHasActivation;
  return new Observable<void>((subscriber) => {
    const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };
    let listening = true;
    const cleanup = () => {
      if (!listening) return;
      listening = false;
      GESTURE_EVENTS.forEach((type) => target.removeEventListener(type, onGesture, listenerOptions));
    };
    function onGesture(): void {
      if (!hasActivation()) return;
      cleanup();
      start().then(
        () => {
          subscriber.next();
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error),
      );
    }
    GESTURE_EVENTS.forEach((type) => target.addEventListener(type, onGesture, listenerOptions));
    return cleanup;
  });
}

function defaultHasActivation(): boolean {
  // Browsers without the User Activation API: trust the event, as Tone's own examples do.
  return globalThis.navigator?.userActivation?.isActive ?? true;
}
