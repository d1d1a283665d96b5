/**
 * One Subscription per rendered story, so every session, stream and listener a render starts
 * has a single owner (docs/architecture.md, "Lifetimes").
 *
 * Storybook's HTML renderer calls `render` again when a control changes, without tearing the
 * story down: the new render must end the previous one itself, or each change of a control
 * would leave two more peers registered. Renders are keyed by their canvas element, not the
 * story ID, because a docs page shows the same story in two canvases at once.
 */
import { Subscription } from 'rxjs';
import { onStoryTeardown } from '../support/storyTeardown.ts';

const current = new WeakMap<HTMLElement, Subscription>();

/**
 * Ends the previous render in `canvasElement` and returns the lifetime of the new one; it ends
 * when the story is left (stories/support/storyTeardown.ts) or rendered again.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => {
 *   const lifetime = renderLifetime(canvasElement);
 *   lifetime.add(peerSession().subscribe(show));
 *   return root;
 * }
 * ```
 */
export function renderLifetime(canvasElement: HTMLElement): Subscription {
  current.get(canvasElement)?.unsubscribe();
  const lifetime = new Subscription();
  current.set(canvasElement, lifetime);
  return onStoryTeardown(lifetime, (owned) => owned.unsubscribe());
}
