/**
 * What the level meter, the spectrum view and the waveform view share: a DOM element that
 * lives exactly as long as a subscription, and a canvas inside it that follows its box's
 * size and repaints at most once per animation frame, whatever the rate of the frames.
 */
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { AudioFrame } from './AudioFrame.ts';

/** The canvas's drawing size in device pixels, and device pixels per CSS pixel. */
export interface CanvasSize {
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
}

/** One visualiser, built for one subscription. */
export interface FrameWidget {
  /** What the operator emits and, on teardown, removes from wherever it was put. */
  readonly element: HTMLElement;
  /** Drawn on; its size follows its CSS box. It must not size its own box (see below). */
  readonly canvas: HTMLCanvasElement;
  /** Copies what painting needs: `analyse` refills the frame as soon as this returns. */
  take(frame: AudioFrame, nowMs: number): void;
  /** Draws the latest state on the cleared canvas. Called with a zero size while unlaid out. */
  paint(context: CanvasRenderingContext2D, size: CanvasSize, nowMs: number): void;
}

/**
 * Canvas styles that keep the canvas out of layout: a canvas whose CSS size came from its
 * width and height attributes would grow each time the observer set them (by the pixel ratio).
 */
export const FILL_BOX_STYLE = 'position:absolute;inset:0;width:100%;height:100%;display:block';

/**
 * Turns a widget factory into an operator: each subscription builds a widget, emits its
 * element at once (the subscriber places it), paints the frames, and on unsubscribe, error
 * or complete stops painting and removes the element.
 */
export function frameWidget(create: () => FrameWidget): OperatorFunction<AudioFrame, HTMLElement> {
  return (frames$) =>
    new Observable<HTMLElement>((subscriber) => {
      const widget = create();
      const { canvas, element } = widget;
      const context = canvas.getContext('2d');
      if (context === null) {
        // Only outside a browser (a DOM without canvas support): there is nothing to draw on.
        subscriber.error(new TypeError('peerstage visualisers need a 2D canvas, and this DOM has none'));
        return undefined;
      }

      const size = { width: 0, height: 0, pixelRatio: 1 };
      // No 300x150 backing store before layout says how big the canvas is.
      canvas.width = 0;
      canvas.height = 0;
      // requestAnimationFrame's handles are never 0: 0 means no paint is pending.
      let paintRequest = 0;
      // One callback for the subscription's life, so that asking for a paint allocates nothing.
      const paint = (nowMs: number) => {
        paintRequest = 0;
        context.clearRect(0, 0, canvas.width, canvas.height);
        widget.paint(context, size, nowMs);
      };
      // Frames may come faster than the screen paints: they land in the widget's state, and
      // only the latest is drawn. In a hidden tab no frame is painted at all, which is fine.
      const requestPaint = () => {
        if (paintRequest === 0) paintRequest = requestAnimationFrame(paint);
      };

      const resizes = new ResizeObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (entry === undefined) return;
        const pixelRatio = window.devicePixelRatio || 1;
        // The device-pixel box is exact (no blur from rounding); not every browser gives it.
        const devicePixels = entry.devicePixelContentBoxSize?.[0];
        const cssPixels = entry.contentBoxSize[0];
        const width = devicePixels?.inlineSize ?? Math.round((cssPixels?.inlineSize ?? 0) * pixelRatio);
        const height = devicePixels?.blockSize ?? Math.round((cssPixels?.blockSize ?? 0) * pixelRatio);
        // Setting a canvas's size clears it even when unchanged: set only what changed.
        if (canvas.width !== width) canvas.width = width;
        if (canvas.height !== height) canvas.height = height;
        size.width = width;
        size.height = height;
        size.pixelRatio = pixelRatio;
        requestPaint();
      });
      try {
        // Chromium and Firefox report this box on zoom and screen changes too.
        resizes.observe(canvas, { box: 'device-pixel-content-box' });
      } catch {
        resizes.observe(canvas);
      }

      let frames: Subscription | undefined;
      const teardown = () => {
        frames?.unsubscribe();
        if (paintRequest !== 0) cancelAnimationFrame(paintRequest);
        paintRequest = 0;
        resizes.disconnect();
        element.remove();
      };

      subscriber.next(element);
      // A subscriber that left while placing the element (take(1)) needs no frames.
      if (subscriber.closed) return teardown;
      frames = frames$.subscribe({
        next: (frame) => {
          widget.take(frame, performance.now());
          requestPaint();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return teardown;
    });
}
