/**
 * A point that glides to where it is sent instead of jumping there: how a cube moves to its
 * new place when the layout changes, and how the camera follows.
 */
import { Vector3 } from 'three';
import { glideFraction } from './easing.ts';

/**
 * Drives `target` (a cube's or the camera's position, owned elsewhere) toward the last point
 * it was sent to, over `durationMs` from where it stood then, eased out. Sending it elsewhere
 * mid-way starts a new glide from where it is, so it never jumps. Its two points are
 * allocated once: {@link Glide.step} runs every frame and allocates nothing.
 *
 * @example
 * ```ts
 * import { RenderLoop } from './RenderLoop.ts';
 * import type { Mesh } from 'three';
 * declare const cube: Mesh;
 * const glide = new Glide(cube.position, 300);
 * glide.jumpTo(0, 0, 0);  // first placement: no glide from the origin
 * glide.moveTo(2, 0, 0);  // a member joined and the layout changed
 * const loop = new RenderLoop({ fps: 30 }, (dtMs) => glide.step(dtMs));
 * ```
 */
export class Glide {
  readonly #target: Vector3;
  readonly #from = new Vector3();
  readonly #to = new Vector3();
  readonly #durationMs: number;
  /** Equal to the duration while at rest. */
  #elapsedMs: number;

  constructor(target: Vector3, durationMs: number) {
    this.#target = target;
    this.#to.copy(target);
    this.#durationMs = durationMs;
    this.#elapsedMs = durationMs;
  }

  /** Whether a glide is under way. */
  get moving(): boolean {
    return this.#elapsedMs < this.#durationMs;
  }

  /** Where the glide ends. */
  get destination(): Readonly<Vector3> {
    return this.#to;
  }

  /** Glides from where the point stands now to (x, y, z); at once with a duration of 0. */
  moveTo(x: number, y: number, z: number): void {
    if (this.#to.x === x && this.#to.y === y && this.#to.z === z) return;
    this.#from.copy(this.#target);
    this.#to.set(x, y, z);
    this.#elapsedMs = 0;
    if (!(this.#durationMs > 0)) this.#finish();
  }

  /** Puts the point at (x, y, z) now, ending any glide. */
  jumpTo(x: number, y: number, z: number): void {
    this.#to.set(x, y, z);
    this.#finish();
  }

  /** Advances the glide by `dtMs`. */
  step(dtMs: number): void {
    if (!this.moving) return;
    this.#elapsedMs += dtMs;
    if (!this.moving) this.#finish();
    else this.#target.lerpVectors(this.#from, this.#to, glideFraction(this.#elapsedMs, this.#durationMs));
  }

  #finish(): void {
    this.#elapsedMs = this.#durationMs;
    this.#target.copy(this.#to);
  }
}
