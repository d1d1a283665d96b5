/**
 * The stage's camera and where it goes: it frames every member's cube, label and growth room,
 * and measures where and how large things are drawn.
 */
import { type Object3D, PerspectiveCamera, Vector3 } from 'three';
import { FIELD_OF_VIEW_DEG, frameSpheres, type Sphere } from './framing.ts';
import { Glide } from './Glide.ts';
import type { CubeMotion } from './MemberCube.ts';

const TAN_HALF_FIELD_OF_VIEW = Math.tan(((FIELD_OF_VIEW_DEG / 2) * Math.PI) / 180);

type Point = { readonly x: number; readonly y: number; readonly z: number };

/** A cube as the camera frames it: where it is going, how large, and how far it reaches at scale 1. */
export interface FramedCube {
  readonly destination: Point;
  readonly destinationScale: number;
}

/**
 * Frames where the cubes are going rather than where they are, gliding there in the cubes'
 * `moveMs`. The camera always looks straight down -z (its rotation is never changed), so gliding
 * its position alone keeps every framing level; framing.ts has the geometry.
 */
export class StageCamera {
  readonly camera = new PerspectiveCamera(FIELD_OF_VIEW_DEG, 16 / 9, 0.1, 500);
  readonly #glide: Glide;
  readonly #projected = new Vector3();
  /** A cube's size in units at full level: a cube is 1 unit, (1 + levelScale) at full level. */
  readonly #fullSize: number;

  constructor(motion: CubeMotion) {
    this.#glide = new Glide(this.camera.position, motion.moveMs);
    this.#fullSize = 1 + motion.levelScale;
  }

  /** A new drawing size: framed at once, since a glide would show the old framing squeezed meanwhile. */
  setAspect(aspect: number, cubes: Iterable<FramedCube>, reach: number): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
    this.frame(cubes, reach, true);
  }

  /**
   * Sends the camera back until every cube's sphere (`reach` times its scale: any rotation,
   * full level, label) is drawn inside the picture, gliding there unless `now`.
   */
  frame(cubes: Iterable<FramedCube>, reach: number, now: boolean): void {
    const spheres: Sphere[] = [];
    for (const { destination, destinationScale } of cubes) {
      spheres.push({ x: destination.x, y: destination.y, z: destination.z, radius: reach * destinationScale });
    }
    const at = frameSpheres(spheres, this.camera.aspect);
    if (now) this.#glide.jumpTo(at.x, at.y, at.z);
    else this.#glide.moveTo(at.x, at.y, at.z);
  }

  /** Moves the camera `dtMs` on toward its framing. */
  step(dtMs: number): void {
    this.#glide.step(dtMs);
  }

  /** Where `object`'s origin is drawn on a `width` x `height` picture, in its pixels from the top left. */
  project(object: Object3D, width: number, height: number): { x: number; y: number } {
    this.camera.updateMatrixWorld();
    this.#projected.setFromMatrixPosition(object.matrixWorld).project(this.camera);
    return {
      x: ((this.#projected.x + 1) / 2) * width,
      y: ((1 - this.#projected.y) / 2) * height,
    };
  }

  /**
   * How many pixels of a `height`-pixel picture the video on a cube going to `destination` takes
   * at most: a face seen face on at full level (half the cube nearer), from where the camera is going.
   */
  videoEdge(destination: Point, height: number, scale = 1): number {
    const size = this.#fullSize * scale;
    const distance = Math.max(this.camera.near, this.#glide.destination.z - destination.z - size / 2);
    return Math.ceil((size / (2 * distance * TAN_HALF_FIELD_OF_VIEW)) * height);
  }
}
