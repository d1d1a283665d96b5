/**
 * The frame every card part shares: a small heading naming the API it shows, then its content.
 */
import { el } from '../peer-basics/el.ts';

/**
 * @example
 * ```ts
 * partSection('peers$', list); // <div><h4><code>peers$</code></h4>…</div>
 * ```
 */
export function partSection(api: string, ...content: readonly Node[]): HTMLElement {
  const heading = el('h4', {}, el('code', {}, api));
  heading.style.margin = '0.75rem 0 0.25rem';
  return el('div', {}, heading, ...content);
}
