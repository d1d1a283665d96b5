/**
 * What the Cubes or tiles play function reads off the tile view's canvas: the colour in the
 * middle of a tile.
 */
import { tileGrid } from '../../src/app/tileGrid.ts';
import { colourShare, hexToRgb } from '../../src/testing/pixelProbes.ts';

/**
 * The share (0 to 1) of pixels in a small square at the middle of tile `index` (of `count`)
 * within reach of `colour`.
 *
 * @example
 * ```ts
 * tileColourShare(tilesCanvas, 3, 1, '#1fbf3f'); // near 1 once Bo's picture plays in the second tile
 * ```
 */
export function tileColourShare(canvas: HTMLCanvasElement, count: number, index: number, colour: string): number {
  const tile = tileGrid(count, canvas.width, canvas.height)[index];
  const context = canvas.getContext('2d');
  if (!tile || !context) return 0;
  // A third of the way down: clear of the name band at the bottom.
  const pixels = context.getImageData(Math.round(tile.x + tile.width / 2) - 4, Math.round(tile.y + tile.height / 3) - 4, 9, 9).data;
  return colourShare(new Uint8Array(pixels.buffer), hexToRgb(colour));
}

/**
 * The names the tile view's canvas lists in its accessible name, in tile order.
 *
 * @example
 * ```ts
 * tileNames(tilesCanvas); // ['Ada', 'Bo', 'Cy']
 * ```
 */
export function tileNames(canvas: HTMLElement): string[] {
  const label = canvas.getAttribute('aria-label') ?? '';
  const [, names = ''] = label.split(': ');
  return names === '' ? [] : names.split(', ');
}
