import { describe, expect, it } from 'vitest';
import { formatTable, quantile, summarise } from './stats.ts';

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('summarise', () => {
  it('gives ratios against a baseline of the same run and judges goals', () => {
    const [raw, layer, missed] = summarise([
      { name: 'raw', unit: 'ms', better: 'lower', samples: [1, 1, 1] },
      { name: 'layer', unit: 'ms', better: 'lower', baseline: 'raw', goal: { max: 1.1 }, samples: [1.05, 1.05, 1.05] },
      { name: 'slow', unit: 'ms', better: 'lower', baseline: 'raw', goal: { max: 1.1 }, samples: [2, 2, 2] },
    ]);
    expect(raw!.ratio).toBeUndefined();
    expect(layer!.ratio).toBeCloseTo(1.05);
    expect(layer!.goalMet).toBe(true);
    expect(missed!.goalMet).toBe(false);
  });

  it('has no ratio when the baseline is not in the run', () => {
    const [alone] = summarise([{ name: 'a', unit: 'MB/s', better: 'higher', baseline: 'absent', samples: [4] }]);
    expect(alone!.ratio).toBeUndefined();
  });
});

describe('formatTable', () => {
  it('prints one row per case with ratio and goal', () => {
    const table = formatTable(
      summarise([
        { name: 'raw', unit: 'MB/s', better: 'higher', samples: [4] },
        { name: 'layer', unit: 'MB/s', better: 'higher', baseline: 'raw', goal: { min: 0.9 }, samples: [3.8] },
      ]),
    );
    expect(table).toMatch(/^case\s+median/);
    expect(table).toMatch(/layer\s+3\.80\s+3\.80\s+MB\/s ↑\s+1\s+0\.95x\s+raw\s+met \(>= 0\.9x\)/);
  });
});
