/**
 * A waveform view for a stream's AudioFrames: the latest window's samples as a line, like an
 * oscilloscope's.
 */
import type { OperatorFunction } from 'rxjs';
import type { AudioFrame } from './AudioFrame.ts';
import { FILL_BOX_STYLE, frameWidget, type CanvasSize, type FrameWidget } from './frameWidget.ts';

export interface WaveformViewOptions {
  /** The view's accessible name (it is an image to assistive technology). Default "Waveform". */
  readonly label?: string;
  /** CSS colour of the line. */
  readonly color?: string;
  /** CSS colour of the zero line under it; `'transparent'` for none. */
  readonly axisColor?: string;
  /** Width of the line in CSS pixels. Default 1.5. */
  readonly lineWidth?: number;
}

export const WAVEFORM_VIEW_DEFAULTS = {
  label: 'Waveform',
  color: '#58a6ff',
  axisColor: 'rgba(128, 128, 128, 0.5)',
  lineWidth: 1.5,
} as const;

/**
 * Shows each AudioFrame's waveform, which `analyse` hands out only when asked
 * (`analyse({ waveform: true })`; without it the view shows its zero line alone). Pipe
 * frames in, get the view's element out: subscribing builds the element and emits it once,
 * at once, for you to place; it fills its container (at least 4em tall when the container
 * sets no height) and draws the latest frame at most once per animation frame, from -1 at
 * the bottom to 1 at the top. Unsubscribing, or the frames ending or failing, stops the
 * drawing and removes the element.
 *
 * Bad options throw a `RangeError` at once, not on subscribe.
 *
 * @example
 * ```ts
 * import { levelMeter, spectrumView } from 'peerstage/audio';
 * // One analysis, shared by three views of it.
 * const frames$ = of(createSyntheticStream({ frequency: 220 })).pipe(analyse({ waveform: true }), share());
 * const views = merge(
 *   frames$.pipe(levelMeter({ label: 'Ada' })),
 *   frames$.pipe(spectrumView()),
 *   frames$.pipe(waveformView({ color: 'orange' })),
 * ).subscribe((element) => document.body.append(element));
 * // later: all three stop and leave the page, and the analysis ends with them
 * views.unsubscribe();
 * ```
 */
export function waveformView(options: WaveformViewOptions = {}): OperatorFunction<AudioFrame, HTMLElement> {
  const d = WAVEFORM_VIEW_DEFAULTS;
  const settings: Settings = {
    color: options.color ?? d.color,
    axisColor: options.axisColor ?? d.axisColor,
    lineWidth: options.lineWidth ?? d.lineWidth,
  };
  if (!(settings.lineWidth > 0)) throw new RangeError(`waveformView: lineWidth must be above 0, not ${settings.lineWidth}`);
  return frameWidget(() => new WaveformView(settings, options.label ?? d.label));
}

interface Settings {
  readonly color: string;
  readonly axisColor: string;
  readonly lineWidth: number;
}

/** The view built for one subscription. */
class WaveformView implements FrameWidget {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly #settings: Settings;
  /** A copy of the latest samples: `analyse` refills its own before the next paint. */
  #samples = new Float32Array(0);

  constructor(settings: Settings, label: string) {
    this.#settings = settings;
    const element = document.createElement('div');
    element.className = 'peerstage-waveform';
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
    const waveform = frame.waveform;
    if (waveform === undefined) {
      if (this.#samples.length !== 0) this.#samples = new Float32Array(0);
      return;
    }
    // A new size only when the analysis changes its fftSize: not in the hot path.
    if (this.#samples.length !== waveform.length) this.#samples = new Float32Array(waveform.length);
    this.#samples.set(waveform);
  }

  paint(context: CanvasRenderingContext2D, size: CanvasSize): void {
    const { width, height, pixelRatio } = size;
    if (width === 0 || height === 0) return;
    const middle = height / 2;
    const lineWidth = Math.max(1, Math.round(pixelRatio));
    context.fillStyle = this.#settings.axisColor;
    context.fillRect(0, Math.round(middle - lineWidth / 2), width, lineWidth);

    const samples = this.#samples;
    if (samples.length < 2) return;
    context.strokeStyle = this.#settings.color;
    context.lineWidth = this.#settings.lineWidth * pixelRatio;
    context.lineJoin = 'round';
    context.beginPath();
    const perPixel = samples.length / width;
    if (perPixel <= 2) {
      // Few samples: a line through each of them.
      const step = width / (samples.length - 1);
      for (let i = 0; i < samples.length; i++) {
        const y = sampleToY(samples[i] ?? 0, middle);
        if (i === 0) context.moveTo(0, y);
        else context.lineTo(i * step, y);
      }
    } else {
      // Many samples per pixel: each column from its lowest to its highest sample, so peaks
      // are never skipped and the path stays as long as the view is wide.
      for (let x = 0; x < width; x++) {
        const start = Math.floor(x * perPixel);
        const end = Math.min(samples.length, Math.floor((x + 1) * perPixel));
        let low = Infinity;
        let high = -Infinity;
        for (let i = start; i < end; i++) {
          const sample = samples[i] ?? 0;
          if (sample < low) low = sample;
          if (sample > high) high = sample;
        }
        const column = x + 0.5;
        if (x === 0) context.moveTo(column, sampleToY(low, middle));
        else context.lineTo(column, sampleToY(low, middle));
        context.lineTo(column, sampleToY(high, middle));
      }
    }
    context.stroke();
  }
}

/** The y of a sample on a view whose zero line is at `middle`, clipped to [-1, 1]. */
function sampleToY(sample: number, middle: number): number {
  const clipped = Math.min(Math.max(sample, -1), 1);
  return middle - clipped * middle;
}
