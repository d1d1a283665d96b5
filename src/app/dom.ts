/**
 * The hub's one way to make elements: attributes and children, where every string child
 * becomes a Text node. Names and chat reach the page only as text, never as HTML.
 */

export type Child = Node | string | null | undefined | false;

/**
 * Creates `<tag>` with `attributes` and `children` (strings as text).
 *
 * @example
 * ```ts
 * element('li', { class: 'member' }, element('strong', {}, peer.name ?? peer.id), ' joined');
 * ```
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  for (const child of children) if (child) created.append(child);
  return created;
}

/**
 * A button with a visible label (its accessible name) that calls `onClick`.
 *
 * @example
 * ```ts
 * const leave = button('Leave', () => room.leave());
 * ```
 */
export function button(
  label: string,
  onClick: (event: MouseEvent) => void,
  attributes: Readonly<Record<string, string>> = {},
): HTMLButtonElement {
  const created = element('button', { type: 'button', ...attributes }, label);
  created.addEventListener('click', onClick);
  return created;
}
