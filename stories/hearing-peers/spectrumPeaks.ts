/**
 * The tones in a spectrum: every bin that stands out from its neighbours, as a mix of several
 * members shows one per member.
 */

export interface PeakOptions {
  /** Quieter bins are no peak. Default -60 dB. */
  readonly thresholdDb?: number;
  /** How far above the bins `spreadBins` away on both sides a peak must stand. Default 20 dB. */
  readonly prominenceDb?: number;
  /**
   * How far away its neighbours are looked at. Web Audio windows each FFT (Blackman), which
   * spreads a pure tone over about three bins either side: nearer bins belong to the tone.
   * Default 3.
   */
  readonly spreadBins?: number;
}

/**
 * The bins of `spectrum` (in dB) that are local maxima above `thresholdDb` and stand
 * `prominenceDb` above the bins `spreadBins` away on both sides, lowest bin first, written into
 * `into` (emptied first; reuse one array and nothing is allocated per frame). Two tones closer
 * than `spreadBins` bins are one hump, not two peaks: a larger fftSize (narrower bins) tells
 * them apart.
 *
 * @example
 * ```ts
 * spectrumPeaks(frame.spectrum).map((bin) => Math.round(bin * frame.binHz)); // [441, 657, 883]: 440, 660 and 880 Hz in 10.77 Hz bins
 * ```
 */
export function spectrumPeaks(spectrum: Float32Array, options: PeakOptions = {}, into: number[] = []): number[] {
  const { thresholdDb = -60, prominenceDb = 20, spreadBins = 3 } = options;
  into.length = 0;
  for (let i = spreadBins; i < spectrum.length - spreadBins; i++) {
    const db = dbAt(spectrum, i);
    if (!(db > thresholdDb)) continue;
    const isMaximum = db >= dbAt(spectrum, i - 1) && db > dbAt(spectrum, i + 1);
    const standsOut = db - dbAt(spectrum, i - spreadBins) >= prominenceDb && db - dbAt(spectrum, i + spreadBins) >= prominenceDb;
    if (isMaximum && standsOut) into.push(i);
  }
  return into;
}

/** Bin `index` of a spectrum in dB. The loops read only bins that exist; a missing one would be silence. */
function dbAt(spectrum: Float32Array, index: number): number {
  return spectrum[index] ?? Number.NEGATIVE_INFINITY;
}
