/**
 * Story 3, "Call with synthetic media": Alice calls Bob with a synthetic stream, sees his
 * stream arrive, and hangs up.
 */
import type { Subscription } from 'rxjs';
import { callScene } from './callScene.ts';
import { callView } from './callView.ts';
import { ownedSyntheticStream } from './ownedStream.ts';
import { showStream } from './showStream.ts';

export interface CallArgs {
  /** Drawn on Alice's video, and her name in the call's metadata. */
  readonly label: string;
  /** Background of Alice's video. */
  readonly color: string;
  /** Alice's tone, in Hz. */
  readonly frequency: number;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderCall(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderCall({ label, color, frequency }: CallArgs, lifetime: Subscription): HTMLElement {
  const view = callView();
  // Alice's stream outlives her calls (a camera preview does too) and ends with the story.
  const local = ownedSyntheticStream({ label, color, frequency });
  lifetime.add(local);
  showStream(view.localVideo, local.stream);
  lifetime.add(callScene(view, { stream: () => local.stream, name: label || 'Alice' }).subscribe());
  return view.root;
}
