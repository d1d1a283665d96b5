/**
 * Story 3, "Call with synthetic media": Alice calls Bob with a synthetic stream (or, with the
 * `camera` control on, with the learner's camera), sees his stream arrive, and hangs up.
 */
import { catchError, EMPTY, switchMap, type Subscription } from 'rxjs';
import { callScene } from './callScene.ts';
import { callView } from './callView.ts';
import { cameraOrSynthetic } from './cameraOrSynthetic.ts';
import { describeError } from './describeError.ts';
import { el } from './el.ts';
import { showStream } from './showStream.ts';

export interface CallArgs {
  /** Drawn on Alice's video, and her name in the call's metadata. */
  readonly label: string;
  /** Background of Alice's video. */
  readonly color: string;
  /** Alice's tone, in Hz. */
  readonly frequency: number;
  /** Alice shares the learner's camera and microphone instead of the synthetic stream. */
  readonly camera: boolean;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderCall(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderCall({ label, color, frequency, camera }: CallArgs, lifetime: Subscription): HTMLElement {
  const view = callView();
  // Alice's stream outlives her calls (a camera preview does too) and ends with the story.
  lifetime.add(
    cameraOrSynthetic(camera, { label, color, frequency })
      .pipe(
        switchMap((stream) => {
          showStream(view.localVideo, stream);
          return callScene(view, { stream: () => stream, name: label || 'Alice' });
        }),
        // A refused camera: say so; there is nothing to call with.
        catchError((error: unknown) => {
          view.errors.append(el('li', {}, describeError(error)));
          return EMPTY;
        }),
      )
      .subscribe(),
  );
  return view.root;
}
