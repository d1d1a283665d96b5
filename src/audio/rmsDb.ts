/**
 * The level of a window of samples, as `AudioFrame.levelDb` reports it.
 */

/**
 * The RMS level of `samples` (in [-1, 1]) in dBFS: 0 for a full-scale square wave, about -3
 * for a full-scale sine, `-Infinity` for digital silence. Allocates nothing.
 *
 * @example
 * ```ts
 * rmsDb(new Float32Array([0.5, -0.5, 0.5, -0.5])); // ≈ -6.02
 * ```
 */
export function rmsDb(samples: Float32Array): number {
  if (samples.length === 0) return Number.NEGATIVE_INFINITY;
  let sumOfSquares = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const sample = samples[i] ?? 0;
    sumOfSquares += sample * sample;
  }
  return 10 * Math.log10(sumOfSquares / samples.length);
}
