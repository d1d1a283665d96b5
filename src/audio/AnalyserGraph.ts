/**
 * The Tone.js graph behind `analyse`: one stream's sound into a spectrum analyser and a
 * waveform analyser, read into one reused frame.
 */
import { Analyser, connect, getContext, type BaseContext } from 'tone';
import type { AudioFrame } from './AudioFrame.ts';
import { keepAudioFlowing } from './keepAudioFlowing.ts';
import { rmsDb } from './rmsDb.ts';

export interface AnalyserGraphOptions {
  /** Samples per FFT window: a power of two from 32 to 32768. */
  readonly fftSize: number;
  /** How much each spectrum keeps of the last, from 0 (none) to 1 (frozen). */
  readonly smoothing: number;
  /** Whether frames carry the waveform. */
  readonly waveform: boolean;
  /** The Tone.js context to build in; Tone's global one when left out. */
  readonly context?: BaseContext;
}

/** What `analyse` emits, writable here only: one object, refilled on every read. */
interface ReusedFrame {
  levelDb: number;
  spectrum: Float32Array;
  binHz: number;
  waveform?: Float32Array;
}

/**
 * Builds the graph for `stream` at once and owns it until {@link AnalyserGraph.dispose}.
 * Chromium's silent remote audio is taken care of inside (see keepAudioFlowing.ts).
 *
 * @example
 * ```ts
 * const graph = new AnalyserGraph(stream, { fftSize: 2048, smoothing: 0.8, waveform: false });
 * const frame = graph.read();
 * console.log(frame.levelDb, frame.spectrum[Math.round(440 / frame.binHz)]);
 * graph.dispose();
 * ```
 */
export class AnalyserGraph {
  /** Spectrum in dB, `fftSize / 2` bins. */
  readonly spectrumAnalyser: Analyser;
  /**
   * Time-domain samples. Tone's Analyser runs a window twice its size and hands out the older
   * half, so the level lags by one window (46 ms at 2048 samples and 44.1 kHz).
   */
  readonly waveformAnalyser: Analyser;
  readonly #source: MediaStreamAudioSourceNode;
  readonly #releaseElement: () => void;
  readonly #frame: ReusedFrame;
  readonly #withWaveform: boolean;
  #disposed = false;

  constructor(stream: MediaStream, options: AnalyserGraphOptions) {
    const context = options.context ?? getContext();
    this.#releaseElement = keepAudioFlowing(stream);
    this.#source = context.createMediaStreamSource(stream);
    this.spectrumAnalyser = new Analyser({ context, type: 'fft', size: options.fftSize / 2, smoothing: options.smoothing });
    this.waveformAnalyser = new Analyser({ context, type: 'waveform', size: options.fftSize, smoothing: 0 });
    connect(this.#source, this.spectrumAnalyser);
    connect(this.#source, this.waveformAnalyser);
    this.#withWaveform = options.waveform;
    this.#frame = {
      levelDb: Number.NEGATIVE_INFINITY,
      spectrum: new Float32Array(options.fftSize / 2),
      binHz: context.sampleRate / options.fftSize,
      waveform: options.waveform ? new Float32Array(options.fftSize) : undefined,
    };
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Reads the analysers into the graph's one frame and returns it. Allocates nothing.
   *
   * @example
   * ```ts
   * declare const graph: AnalyserGraph;
   * const { levelDb } = graph.read();
   * ```
   */
  read(): AudioFrame {
    const frame = this.#frame;
    // Tone's Analyser returns its own preallocated buffer (one channel): copy, do not keep it.
    frame.spectrum.set(this.spectrumAnalyser.getValue() as Float32Array);
    const samples = this.waveformAnalyser.getValue() as Float32Array;
    frame.levelDb = rmsDb(samples);
    if (this.#withWaveform) frame.waveform?.set(samples);
    return frame;
  }

  /**
   * Disconnects the stream, disposes both analysers and stops the helper media element.
   * Idempotent.
   *
   * @example
   * ```ts
   * declare const graph: AnalyserGraph;
   * graph.dispose().disposed; // true
   * ```
   */
  dispose(): this {
    if (this.#disposed) return this;
    this.#disposed = true;
    this.#source.disconnect();
    this.spectrumAnalyser.dispose();
    this.waveformAnalyser.dispose();
    this.#releaseElement();
    return this;
  }
}
