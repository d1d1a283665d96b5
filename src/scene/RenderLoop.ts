/**
 * The stage's clock: a tick at a steady rate, paused while the page is hidden.
 */

/** Where the loop learns whether the page is visible: `document`, or a stand-in in tests. */
export interface VisibilitySource extends EventTarget {
  readonly visibilityState: DocumentVisibilityState;
}

export interface RenderLoopOptions {
  /** Ticks per second. */
  readonly fps: number;
  /** Keep ticking while hidden (e.g. while recording the canvas). Default false. */
  readonly whileHidden?: boolean;
  /** Default `document`. */
  readonly visibility?: VisibilitySource;
}

/**
 * Calls `tick(dtMs)` `fps` times a second from a timer, not from requestAnimationFrame:
 * a recording of the canvas (`canvas.captureStream`) needs new frames at a steady rate, and
 * rAF follows the display (60, 120, 144 Hz: wasted frames on a busy machine) and stops
 * whenever the page is hidden. The timer is stopped while the page is hidden, unless
 * `whileHidden`, as drawing what nobody sees only costs battery; `dtMs` after a pause is
 * capped at a few frames, so that nothing jumps on return.
 *
 * @example
 * ```ts
 * import type { Glide } from './Glide.ts';
 * import type { Camera, Scene, WebGLRenderer } from 'three';
 * declare const renderer: WebGLRenderer, scene: Scene, camera: Camera, glide: Glide;
 * const loop = new RenderLoop({ fps: 30 }, (dtMs) => {
 *   glide.step(dtMs);
 *   renderer.render(scene, camera);
 * });
 * // later
 * loop.dispose();
 * ```
 */
export class RenderLoop {
  readonly #periodMs: number;
  readonly #maxStepMs: number;
  readonly #tick: (dtMs: number) => void;
  readonly #visibility: VisibilitySource;
  #whileHidden: boolean;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastMs = 0;
  #disposed = false;
  readonly #onVisibility = () => this.#sync();
  readonly #onTimer = () => {
    const now = performance.now();
    const dtMs = Math.min(now - this.#lastMs, this.#maxStepMs);
    this.#lastMs = now;
    this.#tick(dtMs);
  };

  constructor(options: RenderLoopOptions, tick: (dtMs: number) => void) {
    if (!(options.fps > 0 && options.fps <= 240)) throw new RangeError(`RenderLoop: fps must be in (0, 240], not ${options.fps}`);
    this.#periodMs = 1000 / options.fps;
    this.#maxStepMs = this.#periodMs * 4;
    this.#tick = tick;
    this.#whileHidden = options.whileHidden ?? false;
    this.#visibility = options.visibility ?? document;
    this.#visibility.addEventListener('visibilitychange', this.#onVisibility);
    this.#sync();
  }

  /** Whether the timer runs now. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Whether the loop keeps running while the page is hidden (e.g. during a recording). */
  get whileHidden(): boolean {
    return this.#whileHidden;
  }

  set whileHidden(value: boolean) {
    this.#whileHidden = value;
    this.#sync();
  }

  /**
   * Stops the timer and stops listening for visibility. Idempotent.
   *
   * @example
   * ```ts
   * declare const loop: RenderLoop;
   * loop.dispose().running; // false
   * ```
   */
  dispose(): this {
    if (this.#disposed) return this;
    this.#disposed = true;
    this.#visibility.removeEventListener('visibilitychange', this.#onVisibility);
    this.#stop();
    return this;
  }

  #sync(): void {
    const run = !this.#disposed && (this.#whileHidden || this.#visibility.visibilityState === 'visible');
    if (run && this.#timer === undefined) {
      this.#lastMs = performance.now();
      this.#timer = setInterval(this.#onTimer, this.#periodMs);
    } else if (!run) this.#stop();
  }

  #stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
