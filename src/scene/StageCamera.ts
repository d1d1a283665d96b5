/**
 * The stage's camera and where it goes: it frames every member's cube, label and growth room,
 * and measures where and how large things are drawn.
 */
import { type Object3D, PerspectiveCamera, Vector3 } from 'three';
import { Glide } from './Glide.ts';
import type { CubeMotion } from './MemberCube.ts';

const FIELD_OF_VIEW_DEG = 40;
const TAN_HALF_FIELD_OF_VIEW = Math.tan(((FIELD_OF_VIEW_DEG / 2) * Math.PI) / 180);
/** Room around the outermost cubes for their spin, their labels and level growth. */
const FRAME_MARGIN = 1.4;
const MIN_CAMERA_DISTANCE = 3.5;

type Point = { readonly x: number; readonly y: number; readonly z: number };

/**
 * Frames where the cubes are going rather than where they are, gliding there in the cubes'
 * `moveMs`. The camera always looks straight down -z (its rotation is never changed), so gliding
 * its position alone keeps every framing level.
 */
export class StageCamera {
  readonly camera = new PerspectiveCamera(FIELD_OF_VIEW_DEG, 16 / 9, 0.1, 200);
  readonly #glide: Glide;
  readonly #projected = new Vector3();
  /** A cube's size in units at full level: a cube is 1 unit, (1 + levelScale) at full level. */
  readonly #fullSize: number;

  constructor(motion: CubeMotion) {
    this.#glide = new Glide(this.camera.position, motion.moveMs);
    this.#fullSize = 1 + motion.levelScale;
  }

  /** A new drawing size: framed at once, since a glide would show the old framing squeezed meanwhile. */
  setAspect(aspect: number, destinations: Iterable<{ readonly destination: Point }>): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
    this.frame(destinations, true);
  }

  /**
   * Sends the camera back until every cube going to one of `destinations`, its label and growth
   * room are in view, gliding there unless `now`.
   */
  frame(destinations: Iterable<{ readonly destination: Point }>, now: boolean): void {
    let minX = 0,
      maxX = 0,
      minY = 0,
      maxY = 0,
      maxZ = 0;
    for (const { destination } of destinations) {
      minX = Math.min(minX, destination.x);
      maxX = Math.max(maxX, destination.x);
      minY = Math.min(minY, destination.y);
      maxY = Math.max(maxY, destination.y);
      maxZ = Math.max(maxZ, destination.z);
    }
    const halfHeight = (maxY - minY) / 2 + FRAME_MARGIN;
    const halfWidth = (maxX - minX) / 2 + FRAME_MARGIN;
    const distance = Math.max(
      MIN_CAMERA_DISTANCE,
      halfHeight / TAN_HALF_FIELD_OF_VIEW,
      halfWidth / (TAN_HALF_FIELD_OF_VIEW * this.camera.aspect),
    );
    const centreX = (minX + maxX) / 2;
    const centreY = (minY + maxY) / 2;
    if (now) this.#glide.jumpTo(centreX, centreY, maxZ + distance);
    else this.#glide.moveTo(centreX, centreY, maxZ + distance);
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
  videoEdge(destination: Point, height: number): number {
    const size = this.#fullSize;
    const distance = Math.max(this.camera.near, this.#glide.destination.z - destination.z - size / 2);
    return Math.ceil((size / (2 * distance * TAN_HALF_FIELD_OF_VIEW)) * height);
  }
}
