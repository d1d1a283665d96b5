/**
 * The room's shareable link: as text, with a "Copy link" button and a QR code for phones.
 */
import { element } from './dom.ts';
import { iconButton } from './icons.ts';
import { roomLink } from './joinRequest.ts';
import { qrCanvas } from './qrCanvas.ts';

/**
 * The share panel for `room`, linking from `pageUrl` (the page's own address); `options.large`
 * for a large room, whose link must say so (a mesh room of that name is another room).
 *
 * @example
 * ```ts
 * container.append(shareLinkView(location.href, 'jam'));
 * container.append(shareLinkView(location.href, 'class', { large: true }));
 * ```
 */
export function shareLinkView(pageUrl: string, room: string, options: { readonly large?: boolean } = {}): HTMLElement {
  const link = roomLink(pageUrl, room, options);
  const status = element('span', { role: 'status', class: 'copy-status' });
  const copy = iconButton(
    'Copy link',
    'link',
    () => {
      navigator.clipboard.writeText(link).then(
        () => (status.textContent = 'Copied.'),
        () => (status.textContent = 'Could not copy: select the link and copy it.'),
      );
    },
    { class: 'quiet' },
  );
  const qr = element('details', { class: 'share-qr' }, element('summary', {}, 'QR code'), qrCanvas(link));
  return element(
    'div',
    { class: 'share-link' },
    element('a', { href: link, class: 'share-url', title: link }, link),
    ' ',
    copy,
    ' ',
    status,
    qr,
  );
}
