/**
 * The stage camera's geometry as pure functions: where a cube's bounding sphere is drawn, and
 * how far back the camera stands so that every cube, at any rotation and size, is in view.
 *
 * The camera looks straight down -z (its rotation never changes), so a sphere's drawn
 * bounding rectangle is exact and cheap: its horizontal extent depends only on its x and z,
 * its vertical extent only on its y and z (the planes through the camera tangent to it).
 */

/** The stage camera's vertical field of view. Narrow: less perspective, so off-centre cubes are drawn nearly as large as centred ones. */
export const FIELD_OF_VIEW_DEG = 24;
/** The nearest the camera comes to the cubes' plane, in units (a lone cube). */
export const MIN_CAMERA_DISTANCE = 3.5;
/** Space kept between the outermost cube and the canvas edge, as a fraction of the half-width (normalised device coordinates). */
export const FRAME_MARGIN_NDC = 0.04;

/** A point in the stage's world units. */
export interface Point3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** A sphere that holds everything a cube draws, at any rotation. */
export interface Sphere extends Point3 {
  readonly radius: number;
}

/** A rectangle in normalised device coordinates: -1 left and bottom, 1 right and top. */
export interface NdcRect {
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
  readonly top: number;
}

/** What the projection needs of a camera looking down -z. */
export interface CameraView {
  readonly position: Point3;
  /** Vertical field of view, degrees. */
  readonly fovDeg: number;
  /** Width over height of the picture. */
  readonly aspect: number;
}

/**
 * Where `sphere` is drawn by `camera`, as the axis-aligned rectangle around its outline in
 * normalised device coordinates; `undefined` when the camera is inside it or it is behind.
 *
 * @example
 * ```ts
 * sphereRect({ x: 0, y: 0, z: 0, radius: 1 }, { position: { x: 0, y: 0, z: 10 }, fovDeg: 24, aspect: 1 });
 * // ≈ { left: -0.47, right: 0.47, bottom: -0.47, top: 0.47 }
 * ```
 */
export function sphereRect(sphere: Sphere, camera: CameraView): NdcRect | undefined {
  const depth = camera.position.z - sphere.z;
  if (!(depth > sphere.radius)) return undefined;
  const tanHalf = Math.tan((camera.fovDeg * Math.PI) / 360);
  const [left, right] = extent(sphere.x - camera.position.x, depth, sphere.radius);
  const [bottom, top] = extent(sphere.y - camera.position.y, depth, sphere.radius);
  const width = tanHalf * camera.aspect;
  return { left: left / width, right: right / width, bottom: bottom / tanHalf, top: top / tanHalf };
}

/** The tangents of the two planes through the camera that touch a sphere `offset` aside and `depth` ahead. */
function extent(offset: number, depth: number, radius: number): [number, number] {
  const centre = Math.atan2(offset, depth);
  const half = Math.asin(Math.min(1, radius / Math.hypot(offset, depth)));
  return [Math.tan(centre - half), Math.tan(centre + half)];
}

/**
 * Where the camera stands to frame `spheres`: centred on them, at `z` as small as lets every
 * sphere's drawn rectangle in with {@link FRAME_MARGIN_NDC} to spare (and no nearer than
 * {@link MIN_CAMERA_DISTANCE} from the nearest sphere centre's plane). Found by bisection:
 * a sphere's drawn size only shrinks as the camera backs away.
 *
 * @example
 * ```ts
 * frameSpheres([{ x: -1, y: 0, z: 0, radius: 0.9 }, { x: 1, y: 0, z: 0, radius: 0.9 }], 16 / 9);
 * // { x: 0, y: 0, z: ≈ 8.6 }
 * ```
 */
export function frameSpheres(spheres: readonly Sphere[], aspect: number, fovDeg: number = FIELD_OF_VIEW_DEG): Point3 {
  if (spheres.length === 0) return { x: 0, y: 0, z: MIN_CAMERA_DISTANCE };
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  for (const { x, y, z, radius } of spheres) {
    minX = Math.min(minX, x - radius);
    maxX = Math.max(maxX, x + radius);
    minY = Math.min(minY, y - radius);
    maxY = Math.max(maxY, y + radius);
    maxZ = Math.max(maxZ, z);
  }
  const x = (minX + maxX) / 2;
  const y = (minY + maxY) / 2;
  const limit = 1 - FRAME_MARGIN_NDC;
  const fits = (z: number) =>
    spheres.every((sphere) => {
      const rect = sphereRect(sphere, { position: { x, y, z }, fovDeg, aspect });
      return rect !== undefined && rect.left >= -limit && rect.right <= limit && rect.bottom >= -limit && rect.top <= limit;
    });
  let near = maxZ + MIN_CAMERA_DISTANCE;
  if (fits(near)) return { x, y, z: near };
  let far = near * 2;
  while (!fits(far)) far *= 2;
  // Forty halvings: far below a thousandth of a unit.
  for (let i = 0; i < 40; i++) {
    const middle = (near + far) / 2;
    if (fits(middle)) far = middle;
    else near = middle;
  }
  return { x, y, z: far };
}

/**
 * Whether two rectangles share any area (touching edges do not count).
 *
 * @example
 * ```ts
 * overlaps({ left: 0, right: 1, bottom: 0, top: 1 }, { left: 1, right: 2, bottom: 0, top: 1 }); // false
 * ```
 */
export function overlaps(a: NdcRect, b: NdcRect): boolean {
  return a.left < b.right && b.left < a.right && a.bottom < b.top && b.bottom < a.top;
}
