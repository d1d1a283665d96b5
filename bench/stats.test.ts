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

  it('gives a second ratio against the versus case, with no goal of its own', () => {
    const [, , sfu] = summarise([
      { name: 'sfu.2', unit: 'B/s', better: 'lower', samples: [100] },
      { name: 'mesh.8', unit: 'B/s', better: 'lower', samples: [700] },
      { name: 'sfu.8', unit: 'B/s', better: 'lower', baseline: 'sfu.2', versus: 'mesh.8', goal: { max: 1.2 }, samples: [110] },
    ]);
    expect(sfu!.ratio).toBeCloseTo(1.1);
    expect(sfu!.goalMet).toBe(true);
    expect(sfu!.versusRatio).toBeCloseTo(110 / 700);
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
    expect(table).not.toMatch(/ratio 2/);
  });

  it('adds the columns of the second ratio when a case has one', () => {
    const table = formatTable(
      summarise([
        { name: 'mesh.4', unit: 'B/s', better: 'lower', samples: [300] },
        { name: 'sfu.4', unit: 'B/s', better: 'lower', versus: 'mesh.4', samples: [100] },
      ]),
    );
    expect(table).toMatch(/^case.*goal\s+ratio 2\s+vs/);
    expect(table).toMatch(/sfu\.4\s+100\s+100\s+B\/s ↓\s+1\s+0\.33x\s+mesh\.4/);
  });
});
