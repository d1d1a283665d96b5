import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layersDescription, layersWithin, readLayersDescription } from './simulcastLayers.ts';

describe('simulcast layers', () => {
  it('sends one plain encoding for a small picture, and rids from the top for more', () => {
    expect(layersWithin(Number.POSITIVE_INFINITY, 1)).toEqual([{ active: true }]);
    expect(layersWithin(Number.POSITIVE_INFINITY, 3).map((layer) => [layer.rid, layer.scaleResolutionDownBy])).toEqual([
      ['h', 1],
      ['m', 2],
      ['l', 4],
    ]);
  });

  it('shares the uplink among the layers, halving from each to the next, within the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 20_000 }), fc.integer({ min: 1, max: 3 }), (kbps, count) => {
        const bitrates = layersWithin(kbps, count).map((layer) => layer.maxBitrate ?? 0);
        expect(bitrates).toHaveLength(count);
        expect(bitrates.reduce((sum, bps) => sum + bps, 0)).toBeLessThanOrEqual(kbps * 1000);
        for (let index = 1; index < count; index++) expect(bitrates[index]).toBeCloseTo((bitrates[index - 1] ?? 0) / 2, -1);
      }),
    );
  });

  it("reads back the layers a line's description says, and 1 for anything else a member might write", () => {
    for (const count of [1, 2, 3]) expect(readLayersDescription(layersDescription(count))).toBe(count);
    for (const hostile of ['layers=4', 'layers=0', '<img src=x>', 'layers=2 ', 42, null, undefined, { layers: 3 }]) {
      expect(readLayersDescription(hostile)).toBe(1);
    }
  });
});
