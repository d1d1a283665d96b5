/**
 * Whether a view is seen: the page is visible and the view is the one shown. A render loop
 * given it rests while its view is switched away, as it does while the tab is hidden.
 */
import type { VisibilitySource } from '../scene/RenderLoop.ts';

/**
 * A {@link VisibilitySource} that is `'visible'` while `document` is and {@link ViewVisibility.shown}
 * is true, and tells `visibilitychange` when that changes. Listens to `document` until
 * {@link ViewVisibility.dispose}.
 *
 * @example
 * ```ts
 * import { Stage } from '../scene/Stage.ts';
 * const visibility = new ViewVisibility(true);
 * const stage = new Stage({ visibility });
 * visibility.shown = false; // the tile view is shown: the stage rests
 * ```
 */
export class ViewVisibility extends EventTarget implements VisibilitySource {
  #shown: boolean;
  readonly #document: Document;
  readonly #onDocument = () => this.dispatchEvent(new Event('visibilitychange'));

  constructor(shown: boolean, page: Document = document) {
    super();
    this.#shown = shown;
    this.#document = page;
    page.addEventListener('visibilitychange', this.#onDocument);
  }

  get visibilityState(): DocumentVisibilityState {
    return this.#shown && this.#document.visibilityState === 'visible' ? 'visible' : 'hidden';
  }

  get shown(): boolean {
    return this.#shown;
  }

  set shown(value: boolean) {
    if (value === this.#shown) return;
    this.#shown = value;
    this.#onDocument();
  }

  /** Stops listening to the document. */
  dispose(): void {
    this.#document.removeEventListener('visibilitychange', this.#onDocument);
  }
}
