/**
 * The one way these stories build DOM. Children are Nodes or strings, and strings become text
 * nodes: remote peers choose chat text and names, so nothing here ever parses HTML.
 */
type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'innerHTML' | 'outerHTML' | 'style'>>;

/**
 * Makes a `tag` element with `props` assigned and `children` appended (strings as text).
 *
 * @example
 * ```ts
 * el('li', {}, el('strong', {}, name), ': ', text); // name and text stay literal text
 * ```
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props<K> = {},
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

/** Sets an `aria-label`, returning the element: the play functions find things by these names. */
export function labelled<E extends HTMLElement>(element: E, label: string): E {
  element.setAttribute('aria-label', label);
  return element;
}
