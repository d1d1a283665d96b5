/**
 * Browser-test helpers for mixes: which tones a stream carries, read with a plain Web Audio
 * AnalyserNode (independent of the Tone.js code under test), and a record of the media
 * elements the code under test plays.
 */

export interface SpectrumProbe {
  /** Frequencies (Hz) of the spectrum's peaks above `thresholdDb`, loudest first. */
  peaks(thresholdDb?: number): number[];
  /** Width of one bin in Hz. */
  readonly binHz: number;
  close(): Promise<void>;
}

/** A peak must stand this far above the bins 3 away on both sides: a tone, not a slope. */
const PEAK_PROMINENCE_DB = 20;

/** Bin `index` of a spectrum in dB. The loops read only bins that exist; a missing one would be silence. */
function dbAt(spectrum: Float32Array, index: number): number {
  return spectrum[index] ?? Number.NEGATIVE_INFINITY;
}

/**
 * Listens to a LOCAL stream (a mix, a synthetic stream) in a context of its own. Remote
 * streams need a playing media element besides (see keepAudioFlowing.ts).
 */
export async function spectrumProbe(stream: MediaStream, fftSize = 4_096): Promise<SpectrumProbe> {
  const context = new AudioContext();
  await context.resume();
  const analyser = new AnalyserNode(context, { fftSize, smoothingTimeConstant: 0 });
  const source = context.createMediaStreamSource(stream);
  source.connect(analyser);
  const bins = new Float32Array(analyser.frequencyBinCount);
  const binHz = context.sampleRate / fftSize;
  return {
    binHz,
    peaks(thresholdDb = -40) {
      analyser.getFloatFrequencyData(bins);
      const found: { hz: number; db: number }[] = [];
      for (let i = 3; i < bins.length - 3; i += 1) {
        const db = dbAt(bins, i);
        const isMaximum = db >= dbAt(bins, i - 1) && db > dbAt(bins, i + 1);
        const prominent = db - dbAt(bins, i - 3) > PEAK_PROMINENCE_DB && db - dbAt(bins, i + 3) > PEAK_PROMINENCE_DB;
        if (db > thresholdDb && isMaximum && prominent) found.push({ hz: i * binHz, db });
      }
      return found.sort((a, b) => b.db - a.db).map((peak) => peak.hz);
    },
    async close() {
      source.disconnect();
      await context.close();
    },
  };
}

/** The peaks of `probe` rounded to the nearest of `expected` within two bins, sorted; others as they are. */
export function nearestTones(probe: SpectrumProbe, expected: readonly number[], thresholdDb?: number): number[] {
  return probe
    .peaks(thresholdDb)
    .map((hz) => expected.find((tone) => Math.abs(tone - hz) <= 2 * probe.binHz) ?? Math.round(hz))
    .sort((a, b) => a - b);
}

export interface MediaElementRecord {
  readonly made: readonly HTMLAudioElement[];
  /** Elements still holding a stream or playing. */
  live(): HTMLAudioElement[];
  restore(): void;
}

/** Records every `new Audio()` from now on, so a test can check that each was released. */
export function recordAudioElements(): MediaElementRecord {
  const made: HTMLAudioElement[] = [];
  const Original = globalThis.Audio;
  globalThis.Audio = class extends Original {
    constructor(src?: string) {
      super(src);
      made.push(this);
    }
  };
  return {
    made,
    live: () => made.filter((element) => element.srcObject !== null || !element.paused),
    restore: () => (globalThis.Audio = Original),
  };
}
