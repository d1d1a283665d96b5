/**
 * Where a level in dB falls on a meter's or a spectrum's level axis.
 */

/** The span of a dB axis: `minDb` at its start (bottom or left), `maxDb` at its end. */
export interface DecibelRange {
  readonly minDb: number;
  readonly maxDb: number;
}

/**
 * The share of a dB axis that lies below `db`: 0 at `minDb`, 1 at `maxDb`, clamped. Digital
 * silence (`-Infinity`) and `NaN` read 0, so a view never has to test for them itself.
 *
 * @example
 * ```ts
 * dbToFraction(-30, { minDb: -60, maxDb: 0 }); // 0.5
 * dbToFraction(-Infinity, { minDb: -60, maxDb: 0 }); // 0
 * ```
 */
export function dbToFraction(db: number, range: DecibelRange): number {
  const fraction = (db - range.minDb) / (range.maxDb - range.minDb);
  if (fraction >= 1) return 1;
  if (fraction > 0) return fraction;
  // NaN fails every comparison: written this way it lands on 0 with -Infinity.
  return 0;
}

/**
 * The height in pixels of a bar that shows `db` on an axis `heightPx` tall (or its length,
 * on a horizontal one).
 *
 * @example
 * ```ts
 * dbToHeight(-12, { minDb: -60, maxDb: 0 }, 200); // 160
 * ```
 */
export function dbToHeight(db: number, range: DecibelRange, heightPx: number): number {
  return dbToFraction(db, range) * heightPx;
}

/** Throws a `RangeError` unless `range` is a finite span that rises. */
export function checkDecibelRange(range: DecibelRange, who: string): void {
  if (!(Number.isFinite(range.minDb) && Number.isFinite(range.maxDb) && range.minDb < range.maxDb)) {
    throw new RangeError(`${who}: minDb must be below maxDb, both finite, not ${range.minDb} and ${range.maxDb}`);
  }
}
