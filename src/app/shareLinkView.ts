/**
 * The room's shareable link: as text, with a "Copy link" button and a QR code for phones.
 */
import { button, element } from './dom.ts';
import { roomLink } from './joinRequest.ts';
import { qrCanvas } from './qrCanvas.ts';

/**
 * The share panel for `room`, linking from `pageUrl` (the page's own address).
 *
 * @example
 * ```ts
 * container.append(shareLinkView(location.href, 'jam'));
 * ```
 */
export function shareLinkView(pageUrl: string, room: string): HTMLElement {
  const link = roomLink(pageUrl, room);
  const status = element('span', { role: 'status', class: 'copy-status' });
  const copy = button('Copy link', () => {
    navigator.clipboard.writeText(link).then(
      () => (status.textContent = 'Copied.'),
      () => (status.textContent = 'Could not copy: select the link and copy it.'),
    );
  });
  const qr = element('details', { class: 'share-qr' }, element('summary', {}, 'QR code'), qrCanvas(link));
  return element('div', { class: 'share-link' }, element('a', { href: link }, link), ' ', copy, ' ', status, qr);
}
