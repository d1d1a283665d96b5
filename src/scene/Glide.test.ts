import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { Glide } from './Glide.ts';

/** Steps `glide` in frames of `frameMs` for `totalMs`, recording the x of `point` after each. */
function run(glide: Glide, point: Vector3, totalMs: number, frameMs: number): number[] {
  const xs: number[] = [];
  for (let t = 0; t < totalMs; t += frameMs) {
    glide.step(frameMs);
    xs.push(point.x);
  }
  return xs;
}

describe('Glide', () => {
  it('is at rest where its point stands until sent somewhere', () => {
    const point = new Vector3(1, 2, 3);
    const glide = new Glide(point, 300);
    expect(glide.moving).toBe(false);
    expect(glide.destination.toArray()).toEqual([1, 2, 3]);
    glide.step(16);
    expect(point.toArray()).toEqual([1, 2, 3]);
  });

  it('glides there over its duration, eased out, and ends exactly there', () => {
    const point = new Vector3();
    const glide = new Glide(point, 300);
    glide.moveTo(2, 0, 0);
    // Nothing moves before a frame has passed: a relayout never jumps.
    expect(point.x).toBe(0);
    expect(glide.moving).toBe(true);
    const xs = run(glide, point, 300, 10);
    // Always forward, never past the end; faster at first than at the end.
    for (const [i, x] of xs.slice(1).entries()) expect(x).toBeGreaterThanOrEqual(xs[i]!);
    expect(Math.max(...xs)).toBeLessThanOrEqual(2);
    expect(xs[0]! - 0).toBeGreaterThan(xs.at(-1)! - xs.at(-2)!);
    expect(point.toArray()).toEqual([2, 0, 0]);
    expect(glide.moving).toBe(false);
    // Halfway in time, 87.5 % of the way (ease-out cubic).
    const halfway = new Vector3();
    const again = new Glide(halfway, 300);
    again.moveTo(8, 0, 0);
    again.step(150);
    expect(halfway.x).toBeCloseTo(7);
    expect(again.destination.x).toBe(8);
  });

  it('starts a new glide from where it is when sent elsewhere mid-way', () => {
    const point = new Vector3();
    const glide = new Glide(point, 100);
    glide.moveTo(10, 0, 0);
    glide.step(50);
    const midway = point.x;
    expect(midway).toBeCloseTo(8.75);
    glide.moveTo(0, 4, 0);
    expect(point.x).toBe(midway);
    glide.step(100);
    expect(point.toArray()).toEqual([0, 4, 0]);
  });

  it('jumps with a duration of 0, and on jumpTo', () => {
    const point = new Vector3();
    const instant = new Glide(point, 0);
    instant.moveTo(1, 1, 1);
    expect(point.toArray()).toEqual([1, 1, 1]);
    const glide = new Glide(point, 300);
    glide.moveTo(5, 0, 0);
    glide.step(10);
    glide.jumpTo(-1, 0, 0);
    expect(point.toArray()).toEqual([-1, 0, 0]);
    expect(glide.moving).toBe(false);
  });

  it('ends at the same place whatever the frame rate', () => {
    for (const frameMs of [7, 16.7, 33.3, 100]) {
      const point = new Vector3();
      const glide = new Glide(point, 250);
      glide.moveTo(3, -2, 1);
      run(glide, point, 260, frameMs);
      expect(point.toArray()).toEqual([3, -2, 1]);
    }
  });
});
