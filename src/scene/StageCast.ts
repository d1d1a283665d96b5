/**
 * The members' cubes on a stage: those on it, in join order and laid out, and those shrinking
 * away after leaving, until they are gone.
 */
import type { Scene } from 'three';
import type { Layout } from './layouts.ts';
import { type CubeMotion, MemberCube } from './MemberCube.ts';
import type { StageMember } from './Stage.ts';

export class StageCast {
  readonly #scene: Scene;
  readonly #layout: Layout;
  readonly #motion: CubeMotion;
  readonly #members = new Map<string, MemberCube>();
  readonly #leaving = new Set<MemberCube>();
  #joined = 0;
  /** Bound once: stepped every frame, and forEach with it allocates nothing. */
  readonly #stepCube = (cube: MemberCube) => cube.step(this.#dtMs);
  #dtMs = 0;

  constructor(scene: Scene, layout: Layout, motion: CubeMotion) {
    this.#scene = scene;
    this.#layout = layout;
    this.#motion = motion;
  }

  /** The IDs of the members on stage, in join order (leaving members are not counted). */
  get ids(): readonly string[] {
    return [...this.#members.keys()];
  }

  /** The cubes of the members on stage, in join order. */
  get cubes(): Iterable<MemberCube> {
    return this.#members.values();
  }

  /** `id`'s cube, unless `id` is not on stage (or leaving). */
  cube(id: string): MemberCube | undefined {
    return this.#members.get(id);
  }

  /**
   * Puts a cube for `id` on stage and lays everyone out anew: it stands at its place at once
   * (and grows in there), the others glide to theirs. For an `id` already there, shows the new
   * `stream`. Whether the cube is new.
   */
  add(id: string, member: StageMember): boolean {
    const existing = this.#members.get(id);
    if (existing) {
      if (member.stream !== undefined) existing.setStream(member.stream);
      return false;
    }
    // Golden-angle phases: any number of cubes turn at visibly different angles.
    const cube = new MemberCube(id, member.name ?? id, this.#motion, this.#joined++ * 2.39996);
    this.#members.set(id, cube);
    this.#scene.add(cube.group);
    cube.setStream(member.stream ?? null);
    this.#place();
    return true;
  }

  /**
   * Takes `id` off stage (its cube shrinks away where it stands) and lays the others out anew.
   * Whether it was there.
   */
  remove(id: string): boolean {
    const cube = this.#members.get(id);
    if (!cube) return false;
    this.#members.delete(id);
    cube.leave();
    if (cube.gone) cube.dispose();
    else this.#leaving.add(cube);
    this.#place();
    return true;
  }

  /** Moves every cube `dtMs` on, and disposes the leaving ones that are gone. */
  step(dtMs: number): void {
    this.#dtMs = dtMs;
    this.#members.forEach(this.#stepCube);
    if (this.#leaving.size === 0) return;
    this.#leaving.forEach(this.#stepCube);
    for (const cube of this.#leaving) {
      if (!cube.gone) continue;
      this.#leaving.delete(cube);
      cube.dispose();
    }
  }

  /** Disposes every cube, leaving or not. */
  dispose(): void {
    for (const cube of this.#members.values()) cube.dispose();
    for (const cube of this.#leaving) cube.dispose();
    this.#members.clear();
    this.#leaving.clear();
  }

  #place(): void {
    const positions = this.#layout(this.#members.size);
    let index = 0;
    for (const cube of this.#members.values()) {
      const position = positions[index++];
      if (position) cube.place(position.x, position.y, position.z);
    }
  }
}
