/**
 * Where a frequency, or a spectrum bin, falls on a view's frequency axis.
 */

/** A log axis gives each octave the same width, as ears hear it; a linear one each hertz. */
export type FrequencyScale = 'log' | 'linear';

/** A frequency axis from `minHz` (left) to `maxHz` (right). */
export interface FrequencyAxis {
  readonly minHz: number;
  readonly maxHz: number;
  readonly scale: FrequencyScale;
}

/**
 * Where `hz` lies on `axis`: 0 at `minHz`, 1 at `maxHz`, and beyond either end outside that
 * (not clamped, so that a bar reaching past an edge keeps its true width). On a log axis
 * 0 Hz and below lie infinitely far to the left.
 *
 * @example
 * ```ts
 * frequencyToFraction(632.46, { minHz: 20, maxHz: 20_000, scale: 'log' }); // ≈ 0.5: the octaves' middle
 * frequencyToFraction(5_000, { minHz: 0, maxHz: 10_000, scale: 'linear' }); // 0.5
 * ```
 */
export function frequencyToFraction(hz: number, axis: FrequencyAxis): number {
  if (axis.scale === 'linear') return (hz - axis.minHz) / (axis.maxHz - axis.minHz);
  return hz > 0 ? Math.log(hz / axis.minHz) / Math.log(axis.maxHz / axis.minHz) : -Infinity;
}

/**
 * The x, in pixels from the left of a view `widthPx` wide, of the centre of spectrum bin
 * `bin` (the bin at `bin * binHz` Hz, as `AudioFrame.spectrum` counts them).
 *
 * @example
 * ```ts
 * const axis = { minHz: 20, maxHz: 20_000, scale: 'log' } as const;
 * binToX(Math.round(440 / frame.binHz), frame.binHz, axis, canvas.width);
 * ```
 */
export function binToX(bin: number, binHz: number, axis: FrequencyAxis, widthPx: number): number {
  return frequencyToFraction(bin * binHz, axis) * widthPx;
}

/** Throws a `RangeError` unless `axis` rises and, on a log scale, starts above 0 Hz. */
export function checkFrequencyAxis(axis: FrequencyAxis, who: string): void {
  const lowest = axis.scale === 'log' ? Number.MIN_VALUE : 0;
  if (!(Number.isFinite(axis.maxHz) && axis.minHz >= lowest && axis.minHz < axis.maxHz)) {
    const floor = axis.scale === 'log' ? 'above 0' : 'at least 0';
    throw new RangeError(`${who}: minHz must be ${floor} and below maxHz, not ${axis.minHz} and ${axis.maxHz}`);
  }
}
