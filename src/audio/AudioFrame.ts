/**
 * One look at a stream's sound (docs/architecture.md's contract), as `analyse` emits it.
 */

/**
 * The level and spectrum of a stream at one moment.
 *
 * `analyse` reuses one frame object and its arrays for every emission, so that sampling
 * allocates nothing: read a frame when it arrives, and copy what you keep
 * (`Float32Array.from(frame.spectrum)`).
 */
export interface AudioFrame {
  /** RMS level of the latest window in dBFS; `-Infinity` for digital silence. */
  readonly levelDb: number;
  /** `spectrum[i]` is the level in dB at `i * binHz` Hz (`fftSize / 2` bins). */
  readonly spectrum: Float32Array;
  /** Width of one spectrum bin in Hz: the sample rate over `fftSize`. */
  readonly binHz: number;
  /** The latest `fftSize` samples in [-1, 1], when `analyse` was asked for them. */
  readonly waveform?: Float32Array;
}
