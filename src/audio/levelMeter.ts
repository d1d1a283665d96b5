/**
 * A level meter for a stream's AudioFrames: a bar on a dB scale with a peak-hold marker,
 * exposed to assistive technology as an ARIA meter.
 */
import type { OperatorFunction } from 'rxjs';
import type { AudioFrame } from './AudioFrame.ts';
import { checkDecibelRange, dbToFraction, type DecibelRange } from './decibelScale.ts';
import { FILL_BOX_STYLE, frameWidget, type CanvasSize, type FrameWidget } from './frameWidget.ts';
import { checkPeakHoldPolicy, DEFAULT_PEAK_HOLD, PeakHold, type PeakHoldPolicy } from './PeakHold.ts';

export interface LevelMeterOptions {
  /**
   * The meter's accessible name, also shown beside the bar (a member's name, say). It is set
   * as text, never parsed as HTML. Default: no visible label, and the name "Level".
   */
  readonly label?: string;
  /** The level at the start of the bar. Default -60 dBFS. */
  readonly minDb?: number;
  /** The level at the end of the bar. Default 0 dBFS. */
  readonly maxDb?: number;
  /** Fill direction: left to right, or bottom to top. Default `'horizontal'`. */
  readonly orientation?: 'horizontal' | 'vertical';
  /** Space between scale marks. Default 10 dB. */
  readonly tickDb?: number;
  /** Where the bar turns `warnColor`. Default -18 dBFS. */
  readonly warnDb?: number;
  /** Where the bar turns `clipColor`. Default -6 dBFS. */
  readonly clipDb?: number;
  /** How the peak marker holds and falls, or `false` for no marker. Default {@link DEFAULT_PEAK_HOLD}. */
  readonly peakHold?: PeakHoldPolicy | false;
  /** CSS colours of the bar's zones, its empty track and its scale. */
  readonly color?: string;
  readonly warnColor?: string;
  readonly clipColor?: string;
  readonly trackColor?: string;
  readonly scaleColor?: string;
}

export const LEVEL_METER_DEFAULTS = {
  label: 'Level',
  minDb: -60,
  maxDb: 0,
  tickDb: 10,
  warnDb: -18,
  clipDb: -6,
  color: '#2ea043',
  warnColor: '#d29922',
  clipColor: '#f85149',
  trackColor: 'rgba(128, 128, 128, 0.25)',
  scaleColor: 'rgba(128, 128, 128, 0.9)',
} as const;

/** Scale text size in CSS pixels; the scale is left out when the bar is too thin for it. */
const SCALE_FONT_PX = 10;
const PEAK_MARKER_PX = 2;

/**
 * Shows each stream's level as a meter: pipe AudioFrames in, get the meter's element out.
 * Subscribing builds the element and emits it once, at once, for you to place; the element
 * then fills its container's width (or height, vertical) and draws the latest frame at most
 * once per animation frame. Unsubscribing, or the frames ending or failing, stops the drawing
 * and removes the element. The element is `role="meter"` with `aria-valuenow` in whole dB.
 *
 * Bad options throw a `RangeError` at once, not on subscribe.
 *
 * @example
 * ```ts
 * const meter = of(createSyntheticStream())
 *   .pipe(analyse(), levelMeter({ label: 'Ada' }))
 *   .subscribe((element) => document.body.append(element));
 * // later: stops analysing and drawing, and removes the meter
 * meter.unsubscribe();
 * ```
 */
export function levelMeter(options: LevelMeterOptions = {}): OperatorFunction<AudioFrame, HTMLElement> {
  const d = LEVEL_METER_DEFAULTS;
  const settings: Settings = {
    minDb: options.minDb ?? d.minDb,
    maxDb: options.maxDb ?? d.maxDb,
    tickDb: options.tickDb ?? d.tickDb,
    warnDb: options.warnDb ?? d.warnDb,
    clipDb: options.clipDb ?? d.clipDb,
    color: options.color ?? d.color,
    warnColor: options.warnColor ?? d.warnColor,
    clipColor: options.clipColor ?? d.clipColor,
    trackColor: options.trackColor ?? d.trackColor,
    scaleColor: options.scaleColor ?? d.scaleColor,
  };
  checkDecibelRange(settings, 'levelMeter');
  if (!(settings.tickDb > 0)) throw new RangeError(`levelMeter: tickDb must be above 0, not ${settings.tickDb}`);
  const peakHold = options.peakHold ?? DEFAULT_PEAK_HOLD;
  if (peakHold !== false) checkPeakHoldPolicy(peakHold, 'levelMeter');
  return frameWidget(() => new LevelMeter(settings, options.label, options.orientation === 'vertical', peakHold));
}

/** The options with every default filled in. */
interface Settings extends DecibelRange {
  readonly tickDb: number;
  readonly warnDb: number;
  readonly clipDb: number;
  readonly color: string;
  readonly warnColor: string;
  readonly clipColor: string;
  readonly trackColor: string;
  readonly scaleColor: string;
}

/** The meter built for one subscription. */
class LevelMeter implements FrameWidget {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly #settings: Settings;
  readonly #vertical: boolean;
  readonly #peak: PeakHold | undefined;
  readonly #tickFractions: readonly number[];
  readonly #tickTexts: readonly string[];
  #levelDb = -Infinity;
  /** The whole dB last written to ARIA; NaN until the first write, -Infinity below the scale. */
  #ariaDb = Number.NaN;
  #font = '';
  #fontPx = 0;
  /** The drawing length along the bar, read by #fill. */
  #length = 0;

  constructor(settings: Settings, label: string | undefined, vertical: boolean, peakHold: PeakHoldPolicy | false) {
    this.#settings = settings;
    this.#vertical = vertical;
    this.#peak = peakHold === false ? undefined : new PeakHold(peakHold);

    const ticks: number[] = [];
    const first = Math.ceil(settings.minDb / settings.tickDb);
    // Counted, not summed, so that a tickDb like 0.1 does not drift.
    for (let i = first; i * settings.tickDb <= settings.maxDb; i++) ticks.push(i * settings.tickDb);
    this.#tickFractions = ticks.map((db) => dbToFraction(db, settings));
    // Made once: scale text is the same every paint.
    this.#tickTexts = ticks.map((db) => String(Math.round(db * 100) / 100));

    const element = document.createElement('div');
    element.className = 'peerstage-level-meter';
    element.setAttribute('role', 'meter');
    element.setAttribute('aria-label', label ?? LEVEL_METER_DEFAULTS.label);
    element.setAttribute('aria-valuemin', String(settings.minDb));
    element.setAttribute('aria-valuemax', String(settings.maxDb));
    element.style.cssText = vertical
      ? 'display:flex;flex-direction:column;align-items:center;gap:0.25em;height:100%;min-width:0'
      : 'display:flex;flex-direction:row;align-items:center;gap:0.5em;width:100%;height:100%;min-width:0';
    if (label !== undefined) {
      const text = document.createElement('span');
      text.className = 'peerstage-level-meter-label';
      // textContent: a member's name is data, never markup.
      text.textContent = label;
      element.append(text);
    }
    const track = document.createElement('div');
    track.className = 'peerstage-level-meter-bar';
    // A minimum size so that a meter in a container of no set size still shows.
    track.style.cssText = vertical
      ? 'position:relative;flex:1 1 auto;align-self:stretch;min-height:6em;min-width:1em'
      : 'position:relative;flex:1 1 auto;align-self:stretch;min-width:6em;min-height:1.25em';
    const canvas = document.createElement('canvas');
    canvas.style.cssText = FILL_BOX_STYLE;
    canvas.setAttribute('aria-hidden', 'true');
    track.append(canvas);
    element.append(track);
    this.element = element;
    this.canvas = canvas;
    this.#writeAria();
  }

  take(frame: AudioFrame, nowMs: number): void {
    this.#levelDb = frame.levelDb;
    // Every frame feeds the peak, painted or not, so no short peak slips between paints.
    this.#peak?.update(frame.levelDb, nowMs);
  }

  paint(context: CanvasRenderingContext2D, size: CanvasSize, nowMs: number): void {
    // With the picture, not per frame: fewer DOM writes, and text that matches the bar.
    this.#writeAria();
    const { width, height, pixelRatio } = size;
    if (width === 0 || height === 0) return;
    const s = this.#settings;
    const length = this.#vertical ? height : width;
    const thickness = this.#vertical ? width : height;
    this.#length = length;
    const fontPx = SCALE_FONT_PX * pixelRatio;
    if (fontPx !== this.#fontPx) {
      this.#fontPx = fontPx;
      this.#font = `${fontPx}px sans-serif`;
    }
    // Scale text goes beside the bar when there is room for it and for a bar still.
    const hasText = thickness >= fontPx * (this.#vertical ? 4.5 : 2.5);
    const bar = hasText ? thickness - fontPx * (this.#vertical ? 2.6 : 1.3) : thickness;

    context.fillStyle = s.trackColor;
    this.#fill(context, 0, length, 0, bar);

    const level = dbToFraction(this.#levelDb, s) * length;
    const warn = dbToFraction(s.warnDb, s) * length;
    const clip = dbToFraction(s.clipDb, s) * length;
    context.fillStyle = s.color;
    this.#fill(context, 0, Math.min(level, warn), 0, bar);
    context.fillStyle = s.warnColor;
    this.#fill(context, warn, Math.min(level, clip), 0, bar);
    context.fillStyle = s.clipColor;
    this.#fill(context, clip, level, 0, bar);

    if (this.#peak !== undefined) {
      const peakDb = this.#peak.valueAt(nowMs);
      const peak = dbToFraction(peakDb, s) * length;
      if (peak > 0) {
        context.fillStyle = peakDb >= s.clipDb ? s.clipColor : peakDb >= s.warnDb ? s.warnColor : s.color;
        const marker = PEAK_MARKER_PX * pixelRatio;
        this.#fill(context, Math.max(0, peak - marker), peak, 0, bar);
      }
    }

    context.fillStyle = s.scaleColor;
    const tickWidth = Math.max(1, Math.round(pixelRatio));
    // Ticks cross the bar's outer third, so they read as a scale without hiding the level.
    // Indexed loops here and below: a for-of would make an iterator every paint.
    for (let i = 0; i < this.#tickFractions.length; i++) {
      const fraction = this.#tickFractions[i] ?? 0;
      const at = Math.min(length - tickWidth, Math.max(0, Math.round(fraction * length - tickWidth / 2)));
      this.#fill(context, at, at + tickWidth, bar * (2 / 3), bar);
    }
    if (hasText) this.#paintScaleText(context, length, bar, fontPx);
  }

  #paintScaleText(context: CanvasRenderingContext2D, length: number, bar: number, fontPx: number): void {
    context.font = this.#font;
    const gap = fontPx * 0.3;
    for (let i = 0; i < this.#tickTexts.length; i++) {
      const fraction = this.#tickFractions[i] ?? 0;
      const text = this.#tickTexts[i] ?? '';
      // Texts at the very ends align inwards, so they are not cut in half.
      const atStart = fraction <= 0.001;
      const atEnd = fraction >= 0.999;
      if (this.#vertical) {
        context.textAlign = 'left';
        context.textBaseline = atStart ? 'bottom' : atEnd ? 'top' : 'middle';
        context.fillText(text, bar + gap, length - fraction * length);
      } else {
        context.textAlign = atStart ? 'left' : atEnd ? 'right' : 'center';
        context.textBaseline = 'top';
        context.fillText(text, fraction * length, bar + gap);
      }
    }
  }

  /** Fills from `from` to `to` along the bar and from `near` to `far` across it. */
  #fill(context: CanvasRenderingContext2D, from: number, to: number, near: number, far: number): void {
    if (to <= from) return;
    if (this.#vertical) context.fillRect(near, this.#length - to, far - near, to - from);
    else context.fillRect(from, near, to - from, far - near);
  }

  #writeAria(): void {
    const { minDb, maxDb } = this.#settings;
    const level = this.#levelDb;
    // Silence and NaN fail `>=`, so they join the levels below the scale.
    const rounded = level >= minDb ? Math.round(level) : -Infinity;
    if (rounded === this.#ariaDb) return;
    this.#ariaDb = rounded;
    // ARIA wants aria-valuenow inside the range; aria-valuetext says what it really is.
    const now = rounded === -Infinity ? minDb : Math.min(rounded, maxDb);
    this.element.setAttribute('aria-valuenow', String(now));
    this.element.setAttribute('aria-valuetext', rounded === -Infinity ? `below ${minDb} dB` : `${rounded} dB`);
  }
}
