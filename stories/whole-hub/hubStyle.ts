/**
 * The hub's own stylesheet (src/app/app.css), confined to the hub in a story. The app styles
 * whole pages (`body`, `button`, `h1`…); loaded as it is, it would restyle every story and
 * docs page in the preview until a reload. `@scope` keeps it inside the hub's element, and the
 * `<style>` goes when the story's DOM does.
 */
import appCss from '../../src/app/app.css?inline';

/** The class of the element the hub runs in: the scope of its styles. */
export const HUB_SCOPE_CLASS = 'peerstage-hub';

/**
 * A `<style>` with the hub's rules for elements inside `.peerstage-hub`; what the app says of
 * the page itself (`:root`, `body`, `main`) applies to that element instead.
 *
 * @example
 * ```ts
 * root.append(hubStyle(), el('main', { className: HUB_SCOPE_CLASS }));
 * ```
 */
export function hubStyle(): HTMLStyleElement {
  const style = document.createElement('style');
  // Only whole selectors at a rule's start (indented too: the dark tokens sit in a media
  // query): `main` is also a grid area and part of class names.
  const scoped = appCss.replace(/^(\s*)(?::root|body|main)(?=\s*\{)/gm, '$1:scope');
  style.textContent = `@scope (.${HUB_SCOPE_CLASS}) {\n${scoped}\n}`;
  return style;
}
