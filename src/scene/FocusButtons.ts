/**
 * The stage's cubes for the keyboard: a list of buttons, one per member, each lying over its
 * member's cube. They are transparent to the pointer (a click goes to the canvas, which finds
 * the cube it hit) and invisible until one has the keyboard's focus: then it shows as an
 * outline around its cube.
 */

/** What a button needs to know of the stage. */
export interface FocusTarget {
  /** Focuses `id`, or unfocuses it when it already is. */
  toggle(id: string): void;
}

/** A rectangle in CSS pixels relative to the canvas. */
export interface CssRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The list's accessible name. */
export const FOCUS_LIST_LABEL = 'Cubes on stage';

/** A button's accessible name (and visible text while it has the focus) for member `name`. */
export const focusLabel = (name: string): string => `Focus ${name}`;

// Inline styles: the scene layer ships no stylesheet. Colours follow the hub's tokens where
// the page has them, with a plain fallback.
const LIST_STYLE = 'position:absolute;inset:0;margin:0;padding:0;list-style:none;pointer-events:none;overflow:hidden';
const ITEM_STYLE = 'position:absolute;left:0;top:0;width:0;height:0';
const BUTTON_STYLE =
  'all:unset;box-sizing:border-box;display:block;width:100%;height:100%;opacity:0;cursor:pointer;' +
  'border-radius:var(--radius,8px);outline:3px solid var(--focus,#4c9ffe);outline-offset:2px;' +
  'font:inherit;color:var(--text,#fff);text-align:center;text-shadow:0 0 4px #000';

/**
 * Owns the list element in `container` (put there, after the canvas) until {@link FocusButtons.dispose}.
 */
export class FocusButtons {
  readonly list: HTMLUListElement;
  readonly #target: FocusTarget;
  readonly #items = new Map<string, { item: HTMLLIElement; button: HTMLButtonElement; shown: string }>();

  constructor(container: HTMLElement, target: FocusTarget) {
    this.#target = target;
    // The list is laid over the canvas: it needs a positioned container.
    if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
    this.list = document.createElement('ul');
    this.list.setAttribute('aria-label', FOCUS_LIST_LABEL);
    this.list.style.cssText = LIST_STYLE;
    container.append(this.list);
  }

  /** A button for member `id` named after `name`, last in the list. */
  add(id: string, name: string): void {
    if (this.#items.has(id)) return;
    const item = document.createElement('li');
    item.style.cssText = ITEM_STYLE;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = focusLabel(name);
    button.setAttribute('aria-pressed', 'false');
    button.dataset.memberId = id;
    button.style.cssText = BUTTON_STYLE;
    button.addEventListener('click', () => this.#target.toggle(id));
    button.addEventListener('focus', () => (button.style.opacity = '1'));
    button.addEventListener('blur', () => (button.style.opacity = '0'));
    item.append(button);
    this.list.append(item);
    this.#items.set(id, { item, button, shown: '' });
  }

  remove(id: string): void {
    this.#items.get(id)?.item.remove();
    this.#items.delete(id);
  }

  /** Marks `id`'s button pressed, every other not. */
  setFocused(id: string | null): void {
    for (const [memberId, { button }] of this.#items) button.setAttribute('aria-pressed', String(memberId === id));
  }

  /** Lays `id`'s button over `rect`; the page is only touched when the rounded rectangle moved. */
  place(id: string, rect: CssRect): void {
    const entry = this.#items.get(id);
    if (!entry) return;
    const left = Math.round(rect.left);
    const top = Math.round(rect.top);
    const width = Math.max(0, Math.round(rect.right) - left);
    const height = Math.max(0, Math.round(rect.bottom) - top);
    const shown = `${left} ${top} ${width} ${height}`;
    if (shown === entry.shown) return;
    entry.shown = shown;
    entry.item.style.translate = `${left}px ${top}px`;
    entry.item.style.width = `${width}px`;
    entry.item.style.height = `${height}px`;
  }

  /** Removes the list and its buttons. Idempotent. */
  dispose(): void {
    this.list.remove();
    this.#items.clear();
  }
}
