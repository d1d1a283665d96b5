/**
 * A QR code of a link, drawn on a canvas, so a phone on the LAN can open the room by pointing
 * its camera at the screen. The encoding is uqr's; drawing modules as squares is all this does.
 */
import { encode } from 'uqr';

/**
 * A canvas showing `text` as a QR code, `modulePx` device pixels per module, with the quiet
 * zone (border) scanners need.
 *
 * @example
 * ```ts
 * import { roomLink } from './joinRequest.ts';
 * container.append(qrCanvas(roomLink(location.href, 'jam')));
 * ```
 */
export function qrCanvas(text: string, modulePx = 4): HTMLCanvasElement {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * modulePx;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (const [y, row] of data.entries()) {
    for (const [x, dark] of row.entries()) {
      if (dark) context.fillRect(x * modulePx, y * modulePx, modulePx, modulePx);
    }
  }
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `QR code of ${text}`);
  return canvas;
}
