import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitInside, tileGrid } from './tileGrid.ts';

describe('tileGrid', () => {
  it('keeps every tile inside the canvas and apart, for any count and size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        (count, width, height) => {
          const tiles = tileGrid(count, width, height);
          expect(tiles).toHaveLength(count);
          for (const [i, a] of tiles.entries()) {
            expect(a.x).toBeGreaterThanOrEqual(-1e-9);
            expect(a.y).toBeGreaterThanOrEqual(-1e-9);
            expect(a.x + a.width).toBeLessThanOrEqual(width + 1e-9);
            expect(a.y + a.height).toBeLessThanOrEqual(height + 1e-9);
            for (const b of tiles.slice(i + 1)) {
              const apart =
                a.x + a.width <= b.x + 1e-9 || b.x + b.width <= a.x + 1e-9 || a.y + a.height <= b.y + 1e-9 || b.y + b.height <= a.y + 1e-9;
              expect(apart).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('puts tiles side by side on a wide canvas and one above the other on a tall one', () => {
    expect(tileGrid(2, 1280, 360).map((tile) => tile.y)).toEqual([0, 0]);
    expect(tileGrid(3, 390, 700).map((tile) => tile.x)).toEqual([0, 0, 0]);
    // Five on a wide canvas: three above, two centred below.
    const five = tileGrid(5, 1200, 500);
    expect(five[3]!.x).toBeCloseTo(five[0]!.width / 2);
  });

  it('refuses a bad count or size', () => {
    expect(() => tileGrid(-1, 10, 10)).toThrow(RangeError);
    expect(() => tileGrid(1, 0, 10)).toThrow(/size/);
  });
});

describe('fitInside', () => {
  it('centres the largest picture of the aspect in the tile', () => {
    expect(fitInside({ x: 10, y: 0, width: 400, height: 100 }, 2)).toEqual({ x: 110, y: 0, width: 200, height: 100 });
  });
});
