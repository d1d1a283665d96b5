import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clearOf,
  DEFAULT_LAYOUT_SEED,
  gridLayout,
  gridShape,
  LAYOUT_NAMES,
  layoutByName,
  MIN_CUBE_DISTANCE,
  RANDOM_LAYOUT_DEFAULTS,
  randomLayout,
  ringLayout,
  type Layout,
  type LayoutName,
  type StagePosition,
} from './layouts.ts';

// Distances come out of square roots and sums; a billionth of a unit is far below anything
// visible and far above rounding.
const ROUNDING = 1e-9;

const distance = (a: StagePosition, b: StagePosition): number => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

function closestPair(positions: readonly StagePosition[]): number {
  let closest = Infinity;
  for (let i = 0; i < positions.length; i++) {
    for (let j = i + 1; j < positions.length; j++) closest = Math.min(closest, distance(positions[i]!, positions[j]!));
  }
  return closest;
}

const seeds = fc.maxSafeInteger();
const counts = fc.integer({ min: 1, max: 12 });

describe('randomLayout', () => {
  it('gives the same positions for the same seed, from a fresh layout too', () => {
    fc.assert(
      fc.property(seeds, counts, (seed, count) => {
        expect(randomLayout({ seed })(count)).toEqual(randomLayout({ seed })(count));
      }),
    );
  });

  it('gives other positions for another seed', () => {
    fc.assert(
      fc.property(seeds, seeds, (a, b) => {
        fc.pre(a !== b);
        expect(randomLayout({ seed: a })(3)).not.toEqual(randomLayout({ seed: b })(3));
      }),
    );
  });

  it('keeps every two cubes at least the minimum distance apart', () => {
    // Tiny spreads force the box to grow, large ones test the plain case.
    const spreads = fc.oneof(fc.constant(RANDOM_LAYOUT_DEFAULTS.spread), fc.double({ min: 0.01, max: 50, noNaN: true }));
    fc.assert(
      fc.property(seeds, counts, spreads, (seed, count, spread) => {
        const positions = randomLayout({ seed, spread })(count);
        expect(positions).toHaveLength(count);
        expect(closestPair(positions)).toBeGreaterThanOrEqual(MIN_CUBE_DISTANCE - ROUNDING);
      }),
    );
  });

  it('keeps far more members apart too', () => {
    expect(closestPair(randomLayout({ seed: 3 })(200))).toBeGreaterThanOrEqual(MIN_CUBE_DISTANCE - ROUNDING);
  });

  it('moves nobody when a member joins: each member depends on the seed and its index only', () => {
    fc.assert(
      fc.property(seeds, counts, counts, (seed, count, more) => {
        const fewer = randomLayout({ seed })(count);
        // A fresh layout asked for more first: no shared cache hides a dependence on count.
        expect(randomLayout({ seed })(count + more).slice(0, count)).toEqual(fewer);
      }),
    );
  });

  it('scatters the first members within the spread: wide and high, half as deep', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        // Up to 5 members the default box is not crowded, so it does not grow.
        for (const { x, y, z } of randomLayout({ seed })(5)) {
          expect(Math.abs(x)).toBeLessThanOrEqual(4);
          expect(Math.abs(y)).toBeLessThanOrEqual(4);
          expect(Math.abs(z)).toBeLessThanOrEqual(2);
        }
      }),
    );
    const wide = Array.from({ length: 20 }, (_, seed) => randomLayout({ seed, spread: 100 })(3)).flat();
    expect(Math.max(...wide.map(({ x }) => Math.abs(x)))).toBeGreaterThan(10);
    expect(Math.max(...wide.map(({ z }) => Math.abs(z)))).toBeGreaterThan(10);
  });

  it('hands out positions a caller cannot move', () => {
    const layout = randomLayout({ seed: 9 });
    const [first] = layout(2);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('clearOf (the random fallback)', () => {
  const coordinate = fc.double({ min: -100, max: 100, noNaN: true });
  const point = fc.record({ x: coordinate, y: coordinate, z: coordinate });

  it('lands at least the minimum distance from every placed cube', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 12 }), point, (placed, near) => {
        const spot = clearOf(placed, near);
        for (const other of placed) expect(distance(spot, other)).toBeGreaterThanOrEqual(MIN_CUBE_DISTANCE);
        expect(clearOf(placed, near)).toEqual(spot);
      }),
    );
  });

  it('keeps the candidate where nothing is placed', () => {
    expect(clearOf([], { x: 1, y: 2, z: 3 })).toEqual({ x: 1, y: 2, z: 3 });
  });
});

describe('ringLayout', () => {
  it('puts a lone member at the centre', () => {
    expect(ringLayout()(1)).toEqual([{ x: 0, y: 0, z: 0 }]);
  });

  it('sets members evenly on a circle facing the camera, from the top, clockwise', () => {
    const [top, right, bottom, left] = ringLayout()(4);
    expect(top!.x).toBeCloseTo(0, 12);
    expect(top!.y).toBeCloseTo(3, 12);
    expect(right!.x).toBeCloseTo(3, 12);
    expect(right!.y).toBeCloseTo(0, 12);
    expect(bottom!.y).toBeCloseTo(-3, 12);
    expect(left!.x).toBeCloseTo(-3, 12);

    for (let count = 2; count <= 12; count++) {
      const positions = ringLayout({ radius: 4 })(count);
      const step = (2 * Math.PI) / count;
      positions.forEach(({ x, y, z }, i) => {
        expect(Math.hypot(x, y)).toBeCloseTo(4, 12);
        expect(z).toBe(0);
        // Clockwise from the top: angle from +y towards +x.
        const angle = (Math.atan2(x, y) + 2 * Math.PI) % (2 * Math.PI);
        expect(Math.min(Math.abs(angle - i * step), 2 * Math.PI - Math.abs(angle - i * step))).toBeLessThan(1e-9);
      });
    }
  });

  it('grows the radius so neighbours keep the minimum distance, and never shrinks it', () => {
    const radius = (count: number, asked: number): number => {
      const [first] = ringLayout({ radius: asked })(count);
      return Math.hypot(first!.x, first!.y);
    };
    expect(radius(12, 1)).toBeCloseTo(MIN_CUBE_DISTANCE / (2 * Math.sin(Math.PI / 12)), 12);
    expect(radius(3, 1)).toBeCloseTo(MIN_CUBE_DISTANCE / Math.sqrt(3), 12);
    expect(radius(12, 10)).toBeCloseTo(10, 12);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.double({ min: 0, max: 6, noNaN: true }), (count, asked) => {
        const positions = ringLayout({ radius: asked })(count);
        expect(closestPair(positions)).toBeGreaterThanOrEqual(MIN_CUBE_DISTANCE - ROUNDING);
        expect(radius(count + 1, asked)).toBeGreaterThanOrEqual(radius(count, asked) - ROUNDING);
      }),
    );
  });
});

describe('gridLayout', () => {
  const spacing = MIN_CUBE_DISTANCE;

  it('makes 4 a 2 × 2 square centred on the origin', () => {
    const half = spacing / 2;
    expect(gridLayout()(4)).toEqual([
      { x: -half, y: half, z: 0 },
      { x: half, y: half, z: 0 },
      { x: -half, y: -half, z: 0 },
      { x: half, y: -half, z: 0 },
    ]);
  });

  it('makes 5 a row of 3 over a centred row of 2', () => {
    const positions = gridLayout({ gap: 1 })(5);
    expect(positions.map(({ x, y }) => [x, y])).toEqual([
      [-2, 1],
      [0, 1],
      [2, 1],
      [-1, -1],
      [1, -1],
    ]);
  });

  it('is as square as possible', () => {
    const shapes = [1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 16, 17].map((n) => [n, gridShape(n)]);
    expect(Object.fromEntries(shapes)).toEqual({
      1: { columns: 1, rows: 1 },
      2: { columns: 2, rows: 1 },
      3: { columns: 2, rows: 2 },
      4: { columns: 2, rows: 2 },
      5: { columns: 3, rows: 2 },
      6: { columns: 3, rows: 2 },
      7: { columns: 3, rows: 3 },
      9: { columns: 3, rows: 3 },
      10: { columns: 4, rows: 3 },
      12: { columns: 4, rows: 3 },
      16: { columns: 4, rows: 4 },
      17: { columns: 5, rows: 4 },
    });
  });

  it('is centred, spaced by cube plus gap, and keeps neighbours apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 5, noNaN: true }), (count, gap) => {
        const positions = gridLayout({ gap })(count);
        const { columns, rows } = gridShape(count);
        const xs = positions.map(({ x }) => x);
        const ys = positions.map(({ y }) => y);
        expect(Math.min(...xs) + Math.max(...xs)).toBeCloseTo(0, 9);
        expect(Math.min(...ys) + Math.max(...ys)).toBeCloseTo(0, 9);
        expect(new Set(ys).size).toBe(rows);
        expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo((columns - 1) * (1 + gap), 9);
        expect(positions.every(({ z }) => z === 0)).toBe(true);
        expect(closestPair(positions)).toBeGreaterThanOrEqual(1 + gap - ROUNDING);
      }),
    );
    for (let count = 2; count <= 12; count++) expect(closestPair(gridLayout()(count))).toBeCloseTo(MIN_CUBE_DISTANCE, 12);
  });
});

describe('every layout', () => {
  const layouts: Record<string, Layout> = {
    random: randomLayout({ seed: 1 }),
    ring: ringLayout(),
    grid: gridLayout(),
  };

  it('places nobody for a count of 0', () => {
    for (const layout of Object.values(layouts)) expect(layout(0)).toEqual([]);
  });

  it('refuses a count that is negative, fractional or not finite', () => {
    for (const [name, layout] of Object.entries(layouts)) {
      for (const bad of [-1, 1.5, Number.NaN, Infinity, -Infinity]) {
        expect(() => layout(bad)).toThrow(RangeError);
        expect(() => layout(bad)).toThrow(new RegExp(`${name}Layout: count must be a whole number of 0 or more, not ${bad}`));
      }
    }
  });

  it('refuses options that are out of range or not finite', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => randomLayout({ seed: 1.5 }), /randomLayout: seed must be a whole number, not 1.5/],
      [() => randomLayout({ seed: Number.NaN }), /seed must be a whole number/],
      [() => randomLayout({ seed: 2 ** 60 }), /seed must be a whole number/],
      ...[0, -1, Number.NaN, Infinity].map((spread): [() => unknown, RegExp] => [
        () => randomLayout({ seed: 1, spread }),
        /randomLayout: spread must be a finite number above 0/,
      ]),
      ...[-0.1, Number.NaN, Infinity].map((radius): [() => unknown, RegExp] => [
        () => ringLayout({ radius }),
        /ringLayout: radius must be a finite number of 0 or more/,
      ]),
      ...[-0.1, Number.NaN, -Infinity].map((gap): [() => unknown, RegExp] => [
        () => gridLayout({ gap }),
        /gridLayout: gap must be a finite number of 0 or more/,
      ]),
    ];
    for (const [make, message] of cases) {
      expect(make).toThrow(message);
      try {
        make();
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
      }
    }
  });
});

describe('layoutByName', () => {
  it('names the three layouts', () => {
    expect(LAYOUT_NAMES).toEqual(['random', 'ring', 'grid']);
  });

  it('builds the named layout with its options', () => {
    expect(layoutByName('random', { seed: 5, spread: 3 })(6)).toEqual(randomLayout({ seed: 5, spread: 3 })(6));
    expect(layoutByName('random')(6)).toEqual(randomLayout({ seed: DEFAULT_LAYOUT_SEED })(6));
    expect(layoutByName('ring', { radius: 5, gap: 9 })(6)).toEqual(ringLayout({ radius: 5 })(6));
    expect(layoutByName('grid', { gap: 2, radius: 9 })(6)).toEqual(gridLayout({ gap: 2 })(6));
  });

  it('refuses a name it does not know, as a control may send', () => {
    expect(() => layoutByName('spiral' as LayoutName)).toThrow(RangeError);
    expect(() => layoutByName('spiral' as LayoutName)).toThrow(/no layout named spiral; use one of random, ring, grid/);
  });

  it('checks the options of the layout it builds', () => {
    expect(() => layoutByName('grid', { gap: -1 })).toThrow(RangeError);
  });
});
