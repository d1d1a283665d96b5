/**
 * Where a spectrum is loudest: what "the peak" of one member's sound means.
 */

/** Below the spectrum views' floor: nothing there to call a peak (silence reads -Infinity). */
export const SILENCE_DB = -100;

/**
 * The index of the loudest bin of `spectrum` (in dB), or -1 when every bin is below
 * `floorDb`. Its frequency is `index * frame.binHz`: an FFT only tells which bin a tone fell
 * in, so a 440 Hz tone in 23.4 Hz bins reads 445 Hz. Allocates nothing.
 *
 * @example
 * ```ts
 * const bin = loudestBin(frame.spectrum);
 * if (bin >= 0) console.log(`peak ${Math.round(bin * frame.binHz)} Hz`);
 * ```
 */
export function loudestBin(spectrum: Float32Array, floorDb = SILENCE_DB): number {
  let loudest = -1;
  let loudestDb = floorDb;
  for (let i = 0; i < spectrum.length; i++) {
    const db = spectrum[i] ?? Number.NEGATIVE_INFINITY;
    if (db > loudestDb) {
      loudest = i;
      loudestDb = db;
    }
  }
  return loudest;
}
