/**
 * Where the members' cubes stand on the stage: pure functions from a member count to
 * positions, one per member, in the roster's order.
 *
 * World units; the stage camera looks at the origin from +z, and cubes are 1 unit wide.
 * Every layout is stable in its own way (documented on each): when a member joins, the others
 * move as little as that layout allows, so the stage does not jump about.
 */
import { mixSeed, mulberry32, type RandomSource } from './seededRandom.ts';

/** Where one cube's centre stands. */
export interface StagePosition {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/**
 * Positions for `count` members, index `i` for the roster's member `i`. Throws a
 * `RangeError` unless `count` is a whole number of 0 or more.
 */
export type Layout = (count: number) => readonly StagePosition[];

/**
 * The closest two cube centres stand in the random and ring layouts, and in the grid with its
 * default gap. A unit cube's diagonal is √3 ≈ 1.732: cubes that turn about any axis sweep a
 * ball that wide, so centres this far apart never let two cubes touch, whatever they do.
 */
export const MIN_CUBE_DISTANCE = 1.75;

export interface RandomLayoutOptions {
  /** Same seed, same positions. A whole number (Storybook sliders give those). */
  readonly seed: number;
  /**
   * Width and height, in units, of the box the first members' centres fall in; it is half as
   * deep, so fewer cubes hide behind others from the camera. Grows for later members when
   * the box would be crowded.
   */
  readonly spread?: number;
}

export interface RingLayoutOptions {
  /** Smallest radius of the ring, in units; it grows when the cubes would stand too close. */
  readonly radius?: number;
}

export interface GridLayoutOptions {
  /** Space between neighbouring cubes' faces, in units. */
  readonly gap?: number;
}

export const RANDOM_LAYOUT_DEFAULTS = {
  // Eight units across: about what a camera 10 units away with a 50° view shows.
  spread: 8,
} as const satisfies Required<Omit<RandomLayoutOptions, 'seed'>>;

export const RING_LAYOUT_DEFAULTS = {
  // Keeps two or three members well apart; from about 11 members up the ring grows by itself.
  radius: 3,
} as const satisfies Required<RingLayoutOptions>;

export const GRID_LAYOUT_DEFAULTS = {
  // Puts neighbouring centres exactly MIN_CUBE_DISTANCE apart.
  gap: MIN_CUBE_DISTANCE - 1,
} as const satisfies Required<GridLayoutOptions>;

/**
 * Candidates tried per member before the fallback. The box grows so that a candidate is
 * refused with a chance of about one half at most; 32 refusals in a row happen about once
 * in four billion members.
 */
export const RANDOM_LAYOUT_ATTEMPTS = 32;

/**
 * Cubes scattered at random, as the handout did, but reproducibly and never overlapping.
 *
 * Each member draws from a stream of its own (`seed` and its index), tries candidates in a
 * box centred on the origin (`spread` wide and high, half as deep, larger for later members
 * when `spread` would be crowded) and keeps the first that is at least
 * {@link MIN_CUBE_DISTANCE} from every earlier member. If all {@link RANDOM_LAYOUT_ATTEMPTS}
 * fail it stands just right of the rightmost cube instead: still deterministic, still clear.
 *
 * Stability: member `i` depends only on the seed and `i` (through the members before it),
 * never on the count, so `layout(n)` is the first `n` positions of `layout(n + 1)`: a member
 * joining moves nobody. (A member leaving shifts the indices of those after it; keying the
 * index to a stable roster slot avoids that.)
 *
 * @example
 * ```ts
 * const layout = randomLayout({ seed: 7 });
 * layout(3); // three positions, at least 1.75 apart
 * layout(4).slice(0, 3); // the same three positions
 * randomLayout({ seed: 7 })(3); // the same again: same seed
 * ```
 */
export function randomLayout(options: RandomLayoutOptions): Layout {
  const { seed } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`randomLayout: seed must be a whole number, not ${seed}`);
  const spread = options.spread ?? RANDOM_LAYOUT_DEFAULTS.spread;
  checkPositive(spread, 'randomLayout: spread');
  // Member i depends on the members before it, so extending one list computes each once.
  const placed: StagePosition[] = [];
  return (count) => {
    checkCount(count, 'randomLayout');
    while (placed.length < count) placed.push(placeMember(mulberry32(mixSeed(seed, placed.length)), spread, placed));
    return placed.slice(0, count);
  };
}

function placeMember(random: RandomSource, spread: number, placed: readonly StagePosition[]): StagePosition {
  // A box holding about two exclusion balls' worth of room per member keeps most candidates
  // clear; it depends on the index alone, so it too is the same whatever the count.
  const side = Math.max(spread, 2 * MIN_CUBE_DISTANCE * Math.cbrt(2 * (placed.length + 1)));
  let candidate: StagePosition = { x: 0, y: 0, z: 0 };
  for (let attempt = 0; attempt < RANDOM_LAYOUT_ATTEMPTS; attempt++) {
    candidate = { x: (random() - 0.5) * side, y: (random() - 0.5) * side, z: ((random() - 0.5) * side) / 2 };
    if (placed.every((other) => distanceSquared(candidate, other) >= MIN_CUBE_DISTANCE ** 2)) return Object.freeze(candidate);
  }
  return clearOf(placed, candidate);
}

/**
 * `near` moved right until it is at least {@link MIN_CUBE_DISTANCE} from every `placed`
 * centre: beyond the rightmost one, keeping its height and depth. The random layout's
 * fallback, exported so that its promise can be tested without exhausting the attempts.
 *
 * @example
 * ```ts
 * clearOf([{ x: 0, y: 0, z: 0 }, { x: 2, y: 1, z: 0 }], { x: 1, y: 0.5, z: 0 }); // { x: ≈3.75, y: 0.5, z: 0 }
 * ```
 */
export function clearOf(placed: readonly StagePosition[], near: StagePosition): StagePosition {
  const rightmost = placed.reduce((max, other) => Math.max(max, other.x), -Infinity);
  if (rightmost === -Infinity) return Object.freeze({ ...near });
  // The x gap alone is then the minimum distance; the tiny extra absorbs rounding.
  return Object.freeze({ x: rightmost + MIN_CUBE_DISTANCE * (1 + 1e-12), y: near.y, z: near.z });
}

/**
 * Cubes evenly on a circle facing the camera (the xy plane, z = 0): member 0 at the top,
 * the others clockwise as the camera sees them. A lone member stands at the centre.
 *
 * The radius is `radius`, or larger when neighbours would be closer than
 * {@link MIN_CUBE_DISTANCE}: the chord between neighbours, `2r·sin(π/n)`, is kept at least
 * that. Stability: member 0 never leaves the top, and the radius never shrinks as members
 * join; the others slide round to keep the angles even.
 *
 * @example
 * ```ts
 * ringLayout()(4); // top (0, 3, 0), right (3, 0, 0), bottom (0, -3, 0), left (-3, 0, 0)
 * ringLayout({ radius: 1 })(12); // radius grown to 1.75 / (2·sin 15°) ≈ 3.38
 * ```
 */
export function ringLayout(options: RingLayoutOptions = {}): Layout {
  const minRadius = options.radius ?? RING_LAYOUT_DEFAULTS.radius;
  checkNotNegative(minRadius, 'ringLayout: radius');
  return (count) => {
    checkCount(count, 'ringLayout');
    if (count === 1) return [Object.freeze({ x: 0, y: 0, z: 0 })];
    const radius = ringRadius(count, minRadius);
    return Array.from({ length: count }, (_, i) => {
      const angle = Math.PI / 2 - (2 * Math.PI * i) / count;
      return Object.freeze({ x: radius * Math.cos(angle), y: radius * Math.sin(angle), z: 0 });
    });
  };
}

/**
 * The radius {@link ringLayout} uses for `count` members (2 or more) when asked for at least
 * `radius`.
 *
 * @example
 * ```ts
 * ringRadius(4, 3); // 3
 * ringRadius(12, 1); // ≈ 3.38
 * ```
 */
export function ringRadius(count: number, radius: number = RING_LAYOUT_DEFAULTS.radius): number {
  if (count < 2) return radius;
  return Math.max(radius, MIN_CUBE_DISTANCE / (2 * Math.sin(Math.PI / count)));
}

/**
 * Cubes in rows and columns facing the camera (z = 0), as square as possible: `⌈√n⌉`
 * columns and as many rows as needed, filled left to right, top to bottom. The grid is
 * centred on the origin, and a last row that is not full is centred under the others
 * (5 members: 3 above, 2 below).
 *
 * Stability: while the column count holds, a joining member takes the next place in the last
 * row, the others keep their row and column, and the grid shifts by half a cell at most; when
 * `n` passes a square (4 → 5, 9 → 10) a column is added and members move up.
 *
 * @example
 * ```ts
 * gridLayout()(4); // 2 × 2: (±0.875, ±0.875, 0)
 * gridLayout({ gap: 1 })(2); // (-1, 0, 0), (1, 0, 0)
 * ```
 */
export function gridLayout(options: GridLayoutOptions = {}): Layout {
  const gap = options.gap ?? GRID_LAYOUT_DEFAULTS.gap;
  checkNotNegative(gap, 'gridLayout: gap');
  const spacing = 1 + gap;
  return (count) => {
    checkCount(count, 'gridLayout');
    const { columns, rows } = gridShape(count);
    return Array.from({ length: count }, (_, i) => {
      const row = Math.floor(i / columns);
      const inRow = Math.min(columns, count - row * columns);
      const column = i % columns;
      return Object.freeze({ x: (column - (inRow - 1) / 2) * spacing, y: ((rows - 1) / 2 - row) * spacing, z: 0 });
    });
  };
}

/**
 * The rows and columns {@link gridLayout} uses for `count` members.
 *
 * @example
 * ```ts
 * gridShape(5); // { columns: 3, rows: 2 }
 * ```
 */
export function gridShape(count: number): { readonly columns: number; readonly rows: number } {
  if (count === 0) return { columns: 0, rows: 0 };
  const columns = Math.ceil(Math.sqrt(count));
  return { columns, rows: Math.ceil(count / columns) };
}

/** The layouts by name, in the order a picker shows them. */
export const LAYOUT_NAMES = ['random', 'ring', 'grid'] as const;

export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** Every layout's options at once; each layout reads its own and ignores the rest. */
export interface LayoutOptions extends Partial<RandomLayoutOptions>, RingLayoutOptions, GridLayoutOptions {}

/** The seed {@link layoutByName} gives the random layout when none is set. */
export const DEFAULT_LAYOUT_SEED = 1;

/**
 * A layout picked by name, for a Storybook select control. Throws a `RangeError` for a name
 * that is not one of {@link LAYOUT_NAMES} (controls hand over plain strings) or for bad
 * options.
 *
 * @example
 * ```ts
 * layoutByName('grid', { gap: 0.5 })(6); // same as gridLayout({ gap: 0.5 })(6)
 * layoutByName('random')(3); // seed DEFAULT_LAYOUT_SEED
 * ```
 */
export function layoutByName(name: LayoutName, options: LayoutOptions = {}): Layout {
  switch (name) {
    case 'random':
      return randomLayout({ ...options, seed: options.seed ?? DEFAULT_LAYOUT_SEED });
    case 'ring':
      return ringLayout(options);
    case 'grid':
      return gridLayout(options);
    default:
      throw new RangeError(`layoutByName: no layout named ${String(name satisfies never)}; use one of ${LAYOUT_NAMES.join(', ')}`);
  }
}

function checkCount(count: number, who: string): void {
  if (!(Number.isSafeInteger(count) && count >= 0)) {
    throw new RangeError(`${who}: count must be a whole number of 0 or more, not ${count}`);
  }
}

function checkPositive(value: number, what: string): void {
  // Written as a negation so that NaN fails too.
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`${what} must be a finite number above 0, not ${value}`);
}

function checkNotNegative(value: number, what: string): void {
  if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`${what} must be a finite number of 0 or more, not ${value}`);
}

function distanceSquared(a: StagePosition, b: StagePosition): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2;
}
