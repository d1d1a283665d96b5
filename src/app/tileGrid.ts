/**
 * How the tile view cuts its canvas into tiles: the rows and columns that show `count` videos
 * of a given shape largest.
 */

/** The shape of a video tile's picture: most cameras send 16:9 or 4:3. */
export const TILE_ASPECT = 16 / 9;

/** One tile's rectangle on the canvas, in its pixels. */
export interface TileRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Rectangles for `count` tiles on a `width` x `height` canvas, in reading order: the grid of
 * columns and rows in which a picture of {@link TILE_ASPECT}, fitted inside its tile, is drawn
 * largest; a last row that is not full is centred. Tiles never overlap and stay inside the
 * canvas. Throws a `RangeError` for a count that is not a whole number of 0 or more, or a
 * size below 1 x 1.
 *
 * @example
 * ```ts
 * tileGrid(2, 1280, 720); // two tiles side by side, each 640 x 720
 * tileGrid(3, 390, 500);  // three tiles one above the other
 * ```
 */
export function tileGrid(count: number, width: number, height: number): readonly TileRect[] {
  if (!(Number.isSafeInteger(count) && count >= 0))
    throw new RangeError(`tileGrid: count must be a whole number of 0 or more, not ${count}`);
  if (!(width >= 1 && height >= 1)) throw new RangeError(`tileGrid: size must be at least 1 x 1, not ${width} x ${height}`);
  if (count === 0) return [];
  let best = { columns: 1, rows: count, picture: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cell = { width: width / columns, height: height / rows };
    // The fitted picture's width: limited by the tile's width or by its height.
    const picture = Math.min(cell.width, cell.height * TILE_ASPECT);
    if (picture > best.picture * (1 + 1e-9)) best = { columns, rows, picture };
  }
  const { columns, rows } = best;
  const cellWidth = width / columns;
  const cellHeight = height / rows;
  return Array.from({ length: count }, (_, i) => {
    const row = Math.floor(i / columns);
    const inRow = Math.min(columns, count - row * columns);
    const column = i % columns;
    const offset = ((columns - inRow) * cellWidth) / 2;
    return { x: offset + column * cellWidth, y: row * cellHeight, width: cellWidth, height: cellHeight };
  });
}

/**
 * The largest rectangle of `aspect` (width over height) centred inside `tile`.
 *
 * @example
 * ```ts
 * fitInside({ x: 0, y: 0, width: 400, height: 400 }, 16 / 9); // { x: 0, y: 87.5, width: 400, height: 225 }
 * ```
 */
export function fitInside(tile: TileRect, aspect: number): TileRect {
  const width = Math.min(tile.width, tile.height * aspect);
  const height = width / aspect;
  return { x: tile.x + (tile.width - width) / 2, y: tile.y + (tile.height - height) / 2, width, height };
}
