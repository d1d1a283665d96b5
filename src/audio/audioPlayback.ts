/**
 * Whether the page may play sound: the audio context's state as an Observable, so the UI can
 * show "click to enable sound" for exactly as long as it must.
 */
import { distinctUntilChanged, Observable } from 'rxjs';
import { getContext } from 'tone';

/** Tone.js's context as seen here: it re-emits the raw context's `statechange` itself. */
export interface StateEmitterContext {
  readonly state: string;
  on(event: 'statechange', callback: () => void): unknown;
  off(event: 'statechange', callback: () => void): unknown;
}

/** A Web Audio context (`AudioContext`, or anything with its `state` and `statechange`). */
export interface StateEventTargetContext extends EventTarget {
  readonly state: string;
}

/** What {@link audioPlayback} can watch: Tone's context or a plain `AudioContext`. */
export type PlaybackContext = StateEmitterContext | StateEventTargetContext;

/**
 * Emits whether `context` is running (sound plays, analysers and the mixer hear something):
 * its current state at once, then every change. Completes when the context closes, as a
 * closed context never runs again. The default context, Tone's global one, is looked up only
 * on subscribe, so merely calling this creates no AudioContext.
 *
 * @example
 * ```ts
 * declare const enableSoundButton: HTMLButtonElement;
 * audioPlayback().subscribe((running) => (enableSoundButton.hidden = running));
 * ```
 */
export function audioPlayback(context?: PlaybackContext): Observable<boolean> {
  return new Observable<boolean>((subscriber) => {
    const watched = context ?? getContext();
    const onStateChange = () => {
      subscriber.next(watched.state === 'running');
      if (watched.state === 'closed') subscriber.complete();
    };
    // Tone's context takes the raw context's `onstatechange` for itself and has no
    // addEventListener: listen through its emitter instead.
    if ('on' in watched) watched.on('statechange', onStateChange);
    else watched.addEventListener('statechange', onStateChange);
    const cleanup = () => {
      if ('on' in watched) watched.off('statechange', onStateChange);
      else watched.removeEventListener('statechange', onStateChange);
    };
    // A context closed already completes at once; RxJS then runs the teardown right away.
    onStateChange();
    return cleanup;
  }).pipe(distinctUntilChanged());
}
