/**
 * The page's sound, on or off, and why: browsers run an AudioContext only after the user has
 * clicked or typed, and until then every analyser reads silence.
 */
import { ignoreElements, map, merge, type Subscription } from 'rxjs';
import { audioPlayback, startAudioOnGesture } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';

const ON = 'on: Tone.js’s AudioContext is running, so the analysers hear the room';
const OFF =
  'off: click anywhere in the story (or press a key) to enable sound — browsers run audio only after a gesture, and until then every analyser hears silence';

/**
 * A line named "Sound" that follows `audioPlayback()`, and `startAudioOnGesture()` armed for
 * the first click or key; both end with `lifetime`.
 *
 * @example
 * ```ts
 * root.append(soundState(lifetime));
 * ```
 */
export function soundState(lifetime: Subscription): HTMLElement {
  const state = labelled(el('output', {}, '…'), 'Sound');
  lifetime.add(
    merge(
      audioPlayback().pipe(map((running) => (running ? ON : OFF))),
      // Where autoplay is allowed (the test browser) the context runs already and this is moot.
      // audioPlayback() sees the start either way: the text has one source.
      startAudioOnGesture().pipe(ignoreElements()),
    ).subscribe((text) => (state.textContent = text)),
  );
  return el('p', {}, 'Sound ', state);
}
