import fc from 'fast-check';
import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { type Arrangement, FOCUS_STRIP_LENGTH, fitLayout, fromLayout, type StageSlot } from './arrangements.ts';
import { FIELD_OF_VIEW_DEG, frameSpheres, type NdcRect, overlaps, type Point3, sphereRect } from './framing.ts';
import { gridLayout } from './layouts.ts';

/** A unit cube's bounding sphere: half its diagonal. */
const CUBE_RADIUS = Math.sqrt(3) / 2;

/**
 * What the stage does: arrange, frame with the camera, and project each cube's bounding sphere
 * (radius √3/2 × its largest scale) with a three.js camera placed where the stage puts it.
 */
function drawn(arrangement: Arrangement, count: number, aspect: number, focus: number | null, reach: number) {
  const slots = arrangement(count, { aspect, focus, reach });
  const spheres = slots.map((slot) => ({ ...slot, radius: reach * slot.scale }));
  const at = frameSpheres(spheres, aspect);
  const camera = new PerspectiveCamera(FIELD_OF_VIEW_DEG, aspect, 0.1, 1000);
  camera.position.set(at.x, at.y, at.z);
  camera.updateMatrixWorld();
  return { slots, rects: spheres.map((sphere) => threeSphereRect(camera, sphere, sphere.radius)) };
}

/**
 * The rectangle around `radius`'s sphere as three.js projects it: the exact outline from
 * sphereRect, checked against three's own projection of the sphere's centre and of points
 * on its outline, so that the pure math cannot drift from the real camera's.
 */
function threeSphereRect(camera: PerspectiveCamera, centre: Point3, radius: number): NdcRect {
  const rect = sphereRect({ ...centre, radius }, { position: camera.position, fovDeg: camera.fov, aspect: camera.aspect });
  if (!rect) throw new Error('a sphere is behind the camera');
  const projected = new Vector3(centre.x, centre.y, centre.z).project(camera);
  expect(projected.x).toBeGreaterThan(rect.left);
  expect(projected.x).toBeLessThan(rect.right);
  // The point of the sphere touching the plane tangent to it on the right, through the camera.
  const toCentre = new Vector3(centre.x - camera.position.x, 0, centre.z - camera.position.z);
  const side = Math.asin(radius / toCentre.length());
  const tangent = toCentre
    .clone()
    .applyAxisAngle(new Vector3(0, 1, 0), -side)
    .setLength(toCentre.length() * Math.cos(side));
  const touching = tangent.add(camera.position).setY(centre.y).project(camera);
  expect(touching.x).toBeCloseTo(rect.right, 6);
  return rect;
}

function firstOverlap(rects: readonly NdcRect[]): [number, number] | undefined {
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) if (overlaps(rects[i]!, rects[j]!)) return [i, j];
  }
  return undefined;
}

const inCanvas = (rect: NdcRect) => rect.left >= -1 && rect.right <= 1 && rect.bottom >= -1 && rect.top <= 1;

const counts = fc.integer({ min: 1, max: 8 });
// From a phone held upright (a stage about 390 x 500, or narrower) to a wide desktop stage.
const aspects = fc.double({ min: 0.3, max: 3.5, noNaN: true });
// A cube at rest (√3/2) up to one grown 2.5 times, e.g. a large levelScale.
const reaches = fc.double({ min: CUBE_RADIUS, max: 2.5, noNaN: true });

describe('fitLayout framed by frameSpheres', () => {
  it('never draws two cubes over each other, and draws every cube inside the canvas (1–8 members, any aspect)', () => {
    fc.assert(
      fc.property(counts, aspects, reaches, fc.option(fc.nat(7)), (count, aspect, reach, focus) => {
        const { rects } = drawn(fitLayout(), count, aspect, focus === null ? null : focus % count, reach);
        expect(firstOverlap(rects)).toBeUndefined();
        for (const rect of rects) expect(inCanvas(rect)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the overlaps of the old grid: the test can fail', () => {
    // The hub's grid before fitLayout: 3 members, cubes grown at full level (1.5 × √3/2).
    const { rects } = drawn(fromLayout(gridLayout()), 3, 16 / 9, null, 1.5 * CUBE_RADIUS);
    expect(firstOverlap(rects)).toBeDefined();
  });

  it('uses the room: one row on a wide stage, one column on a tall one', () => {
    const row = fitLayout()(3, { aspect: 3, focus: null, reach: 1.4 });
    expect(new Set(row.map((slot) => slot.y)).size).toBe(1);
    const column = fitLayout()(3, { aspect: 0.4, focus: null, reach: 1.4 });
    expect(new Set(column.map((slot) => slot.x)).size).toBe(1);
  });

  it('draws a focused member larger than the others, beside them on a wide stage and above them on a tall one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.nat(7), (count, index) => {
        const focus = index % count;
        const isOther = (_: StageSlot, i: number) => i !== focus;
        const wide = fitLayout()(count, { aspect: 16 / 9, focus, reach: 1.4 });
        expect(wide[focus]!.scale).toBeGreaterThanOrEqual(2);
        expect(wide.filter(isOther).every((slot) => slot.scale === 1 && slot.x > wide[focus]!.x)).toBe(true);
        const tall = fitLayout()(count, { aspect: 9 / 16, focus, reach: 1.4 });
        expect(tall.filter(isOther).every((slot) => slot.y < tall[focus]!.y)).toBe(true);
        expect(new Set(wide.filter(isOther).map((slot) => slot.x)).size).toBe(Math.ceil((count - 1) / FOCUS_STRIP_LENGTH));
      }),
    );
  });

  it('refuses a bad count or view at once', () => {
    expect(() => fitLayout()(-1, { aspect: 1, focus: null, reach: 1 })).toThrow(RangeError);
    expect(() => fitLayout()(2, { aspect: 0, focus: null, reach: 1 })).toThrow(/aspect/);
    expect(() => fitLayout()(2, { aspect: 1, focus: null, reach: Number.NaN })).toThrow(/reach/);
    expect(() => fitLayout({ gap: -1 })).toThrow(/gap/);
  });
});

describe('fromLayout', () => {
  it('keeps a layout’s positions and enlarges the focused member', () => {
    const slots = fromLayout(gridLayout())(4, { aspect: 1, focus: 2, reach: 1 });
    expect(slots.map(({ x, y, z }) => ({ x, y, z }))).toEqual(gridLayout()(4));
    expect(slots.map((slot) => slot.scale)).toEqual([1, 1, 1.6, 1]);
  });
});
