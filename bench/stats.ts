/**
 * Summaries of benchmark samples, and their ratios to a baseline measured in the same run.
 */
import type { CaseResult } from './page/benchCase.ts';

/** The `q` quantile (0..1) of `samples`, by linear interpolation between closest ranks. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export interface CaseSummary extends CaseResult {
  readonly median: number;
  readonly p90: number;
  /** This median over the baseline's median, when the case names a baseline in the run. */
  readonly ratio?: number;
  /** Whether the ratio meets the case's goal, when it has both. */
  readonly goalMet?: boolean;
  /** This median over the `versus` case's median, when the case names one in the run. */
  readonly versusRatio?: number;
}

/**
 * Medians, p90s and ratios for a run's results.
 *
 * @example
 * ```ts
 * summarise([{ name: 'a', unit: 'ms', better: 'lower', samples: [1, 2, 3] }]);
 * // → [{ ..., median: 2, p90: 2.8 }]
 * ```
 */
export function summarise(results: readonly CaseResult[]): CaseSummary[] {
  const medians = new Map(results.map((result) => [result.name, quantile(result.samples, 0.5)]));
  return results.map((result) => {
    const median = medians.get(result.name)!;
    const baselineMedian = result.baseline ? medians.get(result.baseline) : undefined;
    const ratio = baselineMedian === undefined ? undefined : median / baselineMedian;
    const versusMedian = result.versus ? medians.get(result.versus) : undefined;
    const goalMet =
      ratio === undefined || !result.goal
        ? undefined
        : (result.goal.max === undefined || ratio <= result.goal.max) && (result.goal.min === undefined || ratio >= result.goal.min);
    return {
      ...result,
      median,
      p90: quantile(result.samples, 0.9),
      ...(ratio === undefined ? {} : { ratio }),
      ...(goalMet === undefined ? {} : { goalMet }),
      ...(versusMedian === undefined ? {} : { versusRatio: median / versusMedian }),
    };
  });
}

const format = (value: number): string =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

function goalText(summary: CaseSummary): string {
  const { goal } = summary;
  if (!goal) return '';
  const wanted = [goal.min === undefined ? '' : `>= ${goal.min}x`, goal.max === undefined ? '' : `<= ${goal.max}x`]
    .filter(Boolean)
    .join(' and ');
  return `${summary.goalMet ? 'met' : 'MISSED'} (${wanted})`;
}

/** Columns of words (case, the compared cases, goal) align left; columns of figures right. */
const TEXT_COLUMNS: ReadonlySet<number> = new Set([0, 6, 7, 9]);

const ratioText = (ratio: number | undefined): string => (ratio === undefined ? '' : `${ratio.toFixed(2)}x`);

/**
 * A plain-text table of summaries, one row per case; the second comparison's columns
 * (`ratio 2`, `vs`) only when some case has one, so that other suites' tables stay as they were.
 *
 * @example
 * ```ts
 * console.log(formatTable(summarise([{ name: 'a', unit: 'ms', better: 'lower', samples: [1, 2, 3] }])));
 * ```
 */
export function formatTable(summaries: readonly CaseSummary[]): string {
  const second = summaries.some((summary) => summary.versus !== undefined);
  const header = ['case', 'median', 'p90', 'unit', 'n', 'ratio', 'vs baseline', 'goal', ...(second ? ['ratio 2', 'vs'] : [])];
  const rows = summaries.map((summary) => [
    summary.name,
    format(summary.median),
    format(summary.p90),
    summary.unit + (summary.better === 'lower' ? ' ↓' : ' ↑'),
    String(summary.samples.length),
    ratioText(summary.ratio),
    summary.baseline ?? '',
    goalText(summary),
    ...(second ? [ratioText(summary.versusRatio), summary.versus ?? ''] : []),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (TEXT_COLUMNS.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
