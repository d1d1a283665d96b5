/**
 * Arrangements: where the cubes stand and how large, knowing the picture's shape and which
 * member is focused. The stage's default, {@link fitLayout}, promises that no two cubes are
 * ever drawn over each other, whatever they do.
 */
import { FIELD_OF_VIEW_DEG } from './framing.ts';
import type { Layout, StagePosition } from './layouts.ts';

/** Where one cube's centre stands, and its size (1: a unit cube at rest). */
export interface StageSlot extends StagePosition {
  readonly scale: number;
}

/** What an arrangement knows of the stage it arranges. */
export interface ArrangementView {
  /** Width over height of the canvas. */
  readonly aspect: number;
  /** The index of the focused member, or `null`. */
  readonly focus: number | null;
  /**
   * The radius, in units, of the sphere holding everything a cube of scale 1 draws at its
   * largest: turned any way, grown to full level and highlighted, with its name label.
   */
  readonly reach: number;
}

/**
 * Slots for `count` members, index `i` for the roster's member `i`. Throws a `RangeError`
 * unless `count` is a whole number of 0 or more.
 */
export type Arrangement = (count: number, view: ArrangementView) => readonly StageSlot[];

export interface FitLayoutOptions {
  /** Extra space between neighbouring cubes' spheres, as a fraction of their diameter. */
  readonly gap?: number;
  /** Vertical field of view of the camera that frames the cubes, degrees. */
  readonly fovDeg?: number;
}

export const FIT_LAYOUT_DEFAULTS = {
  gap: 0.12,
  fovDeg: FIELD_OF_VIEW_DEG,
} as const satisfies Required<FitLayoutOptions>;

/** At most this many others stand beside (or under) the focused member in one column (or row). */
export const FOCUS_STRIP_LENGTH = 3;

/**
 * The hub's arrangement: cubes in the rows and columns that draw them largest on a canvas of
 * the view's aspect (one row on a wide stage, one column on a tall one, a grid between), a
 * last row that is not full centred under the others. A focused member stands at least twice
 * as large, left of the others on a wide stage and above them on a tall one; the others line
 * up beside it, {@link FOCUS_STRIP_LENGTH} to a column (or row).
 *
 * The promise: neighbouring centres stand far enough apart that their spheres of
 * `reach × scale` are drawn apart, however far off-centre the camera sees them. A sphere off
 * to the side is drawn at most 1/cos² of the half field of view larger than centred (the
 * perspective), and the centres are spaced by that much, plus `gap`. So once the camera
 * frames every sphere (framing.ts), no two cubes' drawn rectangles overlap, at any rotation.
 *
 * @example
 * ```ts
 * const layout = fitLayout();
 * layout(3, { aspect: 16 / 9, focus: null, reach: 1.4 }); // one row of three
 * layout(3, { aspect: 9 / 16, focus: null, reach: 1.4 }); // one column of three
 * layout(3, { aspect: 16 / 9, focus: 1, reach: 1.4 });    // member 1 large on the left, 0 and 2 beside it
 * ```
 */
export function fitLayout(options: FitLayoutOptions = {}): Arrangement {
  const gap = options.gap ?? FIT_LAYOUT_DEFAULTS.gap;
  const fovDeg = options.fovDeg ?? FIT_LAYOUT_DEFAULTS.fovDeg;
  if (!(gap >= 0 && Number.isFinite(gap))) throw new RangeError(`fitLayout: gap must be a finite number of 0 or more, not ${gap}`);
  if (!(fovDeg > 0 && fovDeg < 120)) throw new RangeError(`fitLayout: fovDeg must be between 0 and 120, not ${fovDeg}`);
  const tanHalf = Math.tan((fovDeg * Math.PI) / 360);
  return (count, view) => {
    checkCount(count);
    checkView(view);
    if (count === 0) return [];
    const spread = (tan: number) => (2 * view.reach * (1 + gap)) / Math.cos(Math.atan(tan)) ** 2;
    const cell = { x: spread(tanHalf * view.aspect), y: spread(tanHalf) };
    const { focus } = view;
    if (focus === null || count === 1 || !(focus >= 0 && focus < count)) return grid(count, view.aspect, cell);
    return focused(count, focus, view.aspect >= 1, cell);
  };
}

type Cell = { readonly x: number; readonly y: number };

function grid(count: number, aspect: number, cell: Cell): StageSlot[] {
  // The shape whose cubes are drawn largest: the one whose limiting side fits best.
  let best = { columns: 1, rows: count, size: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const size = Math.min(aspect / (columns * cell.x), 1 / (rows * cell.y));
    if (size > best.size * (1 + 1e-9)) best = { columns, rows, size };
  }
  const { columns, rows } = best;
  return Array.from({ length: count }, (_, i) => {
    const row = Math.floor(i / columns);
    const inRow = Math.min(columns, count - row * columns);
    const column = i % columns;
    return Object.freeze({ x: (column - (inRow - 1) / 2) * cell.x, y: ((rows - 1) / 2 - row) * cell.y, z: 0, scale: 1 });
  });
}

function focused(count: number, focus: number, wide: boolean, cell: Cell): StageSlot[] {
  const others = count - 1;
  // Along the strip (down a column on a wide stage, across a row on a tall one) and across it.
  const along = Math.min(others, FOCUS_STRIP_LENGTH);
  const across = Math.ceil(others / along);
  const scale = Math.max(2, along);
  const slots: StageSlot[] = [];
  let other = 0;
  for (let i = 0; i < count; i++) {
    if (i === focus) {
      // The focused cube's cell is `scale` cells square; the strip follows it.
      slots.push(Object.freeze(wide ? { x: (-across / 2) * cell.x, y: 0, z: 0, scale } : { x: 0, y: (across / 2) * cell.y, z: 0, scale }));
      continue;
    }
    const line = Math.floor(other / along);
    const inLine = Math.min(along, others - line * along);
    const offset = (other % along) - (inLine - 1) / 2;
    other++;
    slots.push(
      Object.freeze(
        wide
          ? { x: ((scale - across) / 2 + line + 0.5) * cell.x, y: -offset * cell.y, z: 0, scale: 1 }
          : { x: offset * cell.x, y: ((scale + across) / 2 - scale - line - 0.5) * cell.y, z: 0, scale: 1 },
      ),
    );
  }
  return slots;
}

/**
 * A plain {@link Layout} as an {@link Arrangement}: its positions at scale 1, the focused
 * member {@link LAYOUT_FOCUS_SCALE} times as large where it stands. Only {@link fitLayout}
 * promises that no cubes are drawn over each other.
 *
 * @example
 * ```ts
 * import { ringLayout } from './layouts.ts';
 * fromLayout(ringLayout())(4, { aspect: 1, focus: 0, reach: 1 })[0]; // { x: 0, y: 3, z: 0, scale: 1.6 }
 * ```
 */
export function fromLayout(layout: Layout): Arrangement {
  return (count, view) =>
    layout(count).map((position, i) => Object.freeze({ ...position, scale: i === view.focus && count > 1 ? LAYOUT_FOCUS_SCALE : 1 }));
}

/** How much larger {@link fromLayout} draws a focused member. */
export const LAYOUT_FOCUS_SCALE = 1.6;

function checkCount(count: number): void {
  if (!(Number.isSafeInteger(count) && count >= 0))
    throw new RangeError(`fitLayout: count must be a whole number of 0 or more, not ${count}`);
}

function checkView(view: ArrangementView): void {
  if (!(view.aspect > 0 && Number.isFinite(view.aspect)))
    throw new RangeError(`fitLayout: aspect must be a finite number above 0, not ${view.aspect}`);
  if (!(view.reach > 0 && Number.isFinite(view.reach)))
    throw new RangeError(`fitLayout: reach must be a finite number above 0, not ${view.reach}`);
}
