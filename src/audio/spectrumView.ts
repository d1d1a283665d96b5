/**
 * A spectrum view for a stream's AudioFrames: each bin's level in dB over a log or linear
 * frequency axis, as bars or as a line.
 */
import type { OperatorFunction } from 'rxjs';
import type { AudioFrame } from './AudioFrame.ts';
import { checkDecibelRange, dbToFraction, type DecibelRange } from './decibelScale.ts';
import { checkFrequencyAxis, frequencyToFraction, type FrequencyScale } from './frequencyAxis.ts';
import { FILL_BOX_STYLE, frameWidget, type CanvasSize, type FrameWidget } from './frameWidget.ts';

export interface SpectrumViewOptions {
  /** The view's accessible name (it is an image to assistive technology). Default "Spectrum". */
  readonly label?: string;
  /** The level at the bottom of the view. Default -100 dB. */
  readonly minDb?: number;
  /** The level at the top of the view. Default 0 dB. */
  readonly maxDb?: number;
  /** The frequency at the left edge. Default 20 Hz on a log axis, 0 Hz on a linear one. */
  readonly minHz?: number;
  /** The frequency at the right edge. Default: the frames' highest, `binHz * spectrum.length`. */
  readonly maxHz?: number;
  /** Default `'log'`: each octave as wide as the next, as ears hear them. */
  readonly scale?: FrequencyScale;
  /** One bar per bin (wide bars where bins are sparse), or a line through the bins. Default `'bars'`. */
  readonly mode?: 'bars' | 'line';
  /** CSS colour of the bars or the line. */
  readonly color?: string;
  /** Width of the line in CSS pixels. Default 1.5. */
  readonly lineWidth?: number;
}

export const SPECTRUM_VIEW_DEFAULTS = {
  label: 'Spectrum',
  minDb: -100,
  maxDb: 0,
  logMinHz: 20,
  scale: 'log',
  mode: 'bars',
  color: '#58a6ff',
  lineWidth: 1.5,
} as const;

/**
 * Shows each AudioFrame's spectrum: pipe frames in, get the view's element out. Subscribing
 * builds the element and emits it once, at once, for you to place; it fills its container
 * (at least 4em tall when the container sets no height) and draws the latest frame at most
 * once per animation frame. Unsubscribing, or the frames ending or failing, stops the drawing
 * and removes the element.
 *
 * Bad options throw a `RangeError` at once, not on subscribe.
 *
 * @example
 * ```ts
 * const view = of(createSyntheticStream({ frequency: 440 }))
 *   .pipe(analyse({ fftSize: 4096 }), spectrumView({ minHz: 50, maxHz: 5_000, minDb: -90 }))
 *   .subscribe((element) => document.querySelector('#spectrum')!.append(element));
 * // later
 * view.unsubscribe();
 * ```
 */
export function spectrumView(options: SpectrumViewOptions = {}): OperatorFunction<AudioFrame, HTMLElement> {
  const d = SPECTRUM_VIEW_DEFAULTS;
  const scale = options.scale ?? d.scale;
  const settings: Settings = {
    minDb: options.minDb ?? d.minDb,
    maxDb: options.maxDb ?? d.maxDb,
    minHz: options.minHz ?? (scale === 'log' ? d.logMinHz : 0),
    maxHz: options.maxHz,
    scale,
    bars: (options.mode ?? d.mode) === 'bars',
    color: options.color ?? d.color,
    lineWidth: options.lineWidth ?? d.lineWidth,
  };
  checkDecibelRange(settings, 'spectrumView');
  // Without maxHz the axis ends at the frames' own top, so only its start can be checked now.
  checkFrequencyAxis({ minHz: settings.minHz, maxHz: settings.maxHz ?? Number.MAX_VALUE, scale }, 'spectrumView');
  if (!(settings.lineWidth > 0)) throw new RangeError(`spectrumView: lineWidth must be above 0, not ${settings.lineWidth}`);
  return frameWidget(() => new SpectrumView(settings, options.label ?? d.label));
}

interface Settings extends DecibelRange {
  readonly minHz: number;
  readonly maxHz: number | undefined;
  readonly scale: FrequencyScale;
  readonly bars: boolean;
  readonly color: string;
  readonly lineWidth: number;
}

/** The view built for one subscription. */
class SpectrumView implements FrameWidget {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly #settings: Settings;
  /** The axis painted on; its top follows the frames unless `maxHz` was given. */
  readonly #axis: { minHz: number; maxHz: number; scale: FrequencyScale };
  /** A copy of the latest spectrum: `analyse` refills its own before the next paint. */
  #spectrum = new Float32Array(0);
  #binHz = 0;

  constructor(settings: Settings, label: string) {
    this.#settings = settings;
    this.#axis = { minHz: settings.minHz, maxHz: settings.maxHz ?? 0, scale: settings.scale };
    const element = document.createElement('div');
    element.className = 'peerstage-spectrum';
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', label);
    element.style.cssText = 'position:relative;width:100%;height:100%;min-height:4em';
    const canvas = document.createElement('canvas');
    canvas.style.cssText = FILL_BOX_STYLE;
    element.append(canvas);
    this.element = element;
    this.canvas = canvas;
  }

  take(frame: AudioFrame): void {
    // A new size only when the analysis changes its fftSize: not in the hot path.
    if (this.#spectrum.length !== frame.spectrum.length) this.#spectrum = new Float32Array(frame.spectrum.length);
    this.#spectrum.set(frame.spectrum);
    this.#binHz = frame.binHz;
    if (this.#settings.maxHz === undefined) this.#axis.maxHz = frame.binHz * frame.spectrum.length;
  }

  paint(context: CanvasRenderingContext2D, size: CanvasSize): void {
    const { width, height, pixelRatio } = size;
    // Nothing to show until a frame whose top lies above the axis's start.
    if (width === 0 || height === 0 || !(this.#axis.maxHz > this.#axis.minHz)) return;
    if (this.#settings.bars) this.#paintBars(context, width, height, pixelRatio);
    else this.#paintLine(context, width, height, pixelRatio);
  }

  #paintBars(context: CanvasRenderingContext2D, width: number, height: number, pixelRatio: number): void {
    const spectrum = this.#spectrum;
    const binHz = this.#binHz;
    const axis = this.#axis;
    context.fillStyle = this.#settings.color;
    // Bin i spans (i - 1/2) to (i + 1/2) bins: each edge is the last bar's right edge.
    let left = frequencyToFraction(-0.5 * binHz, axis) * width;
    for (let i = 0; i < spectrum.length; i++) {
      const right = frequencyToFraction((i + 0.5) * binHz, axis) * width;
      const from = Math.max(left, 0);
      left = right;
      if (right <= 0) continue;
      if (from >= width) break;
      const barHeight = dbToFraction(spectrum[i] ?? -Infinity, this.#settings) * height;
      if (barHeight <= 0) continue;
      const span = Math.min(right, width) - from;
      // Wide bars get a gap so they read as bars; narrow ones stay at least a pixel wide, and
      // where many bins share a pixel the tallest shows.
      const gap = span >= 4 * pixelRatio ? pixelRatio : 0;
      context.fillRect(from, height - barHeight, Math.max(span - gap, 1), barHeight);
    }
  }

  #paintLine(context: CanvasRenderingContext2D, width: number, height: number, pixelRatio: number): void {
    const spectrum = this.#spectrum;
    const binHz = this.#binHz;
    const axis = this.#axis;
    context.strokeStyle = this.#settings.color;
    context.lineWidth = this.#settings.lineWidth * pixelRatio;
    context.lineJoin = 'round';
    context.beginPath();
    let started = false;
    for (let i = 0; i < spectrum.length; i++) {
      const x = frequencyToFraction(i * binHz, axis) * width;
      if (x < 0) continue;
      const y = height - dbToFraction(spectrum[i] ?? -Infinity, this.#settings) * height;
      if (started) context.lineTo(x, y);
      else context.moveTo(x, y);
      started = true;
      // One point past the right edge, so the line reaches it.
      if (x > width) break;
    }
    context.stroke();
  }
}
