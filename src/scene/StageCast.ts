/**
 * The members' cubes on a stage: those on it, in join order and laid out, and those shrinking
 * away after leaving, until they are gone.
 */
import type { Scene } from 'three';
import type { Arrangement } from './arrangements.ts';
import { type CubeMotion, cubeReach, MemberCube } from './MemberCube.ts';
import type { StageMember } from './Stage.ts';

export class StageCast {
  readonly #scene: Scene;
  readonly #arrangement: Arrangement;
  readonly #motion: CubeMotion;
  readonly #reach: number;
  #aspect = 16 / 9;
  #focused: string | null = null;
  readonly #members = new Map<string, MemberCube>();
  readonly #leaving = new Set<MemberCube>();
  #joined = 0;
  /** Bound once: stepped every frame, and forEach with it allocates nothing. */
  readonly #stepCube = (cube: MemberCube) => cube.step(this.#dtMs);
  #dtMs = 0;

  constructor(scene: Scene, arrangement: Arrangement, motion: CubeMotion) {
    this.#scene = scene;
    this.#arrangement = arrangement;
    this.#motion = motion;
    this.#reach = cubeReach(motion.levelScale);
  }

  /** The radius of the sphere around everything a cube of slot scale 1 draws (see cubeReach). */
  get reach(): number {
    return this.#reach;
  }

  /** The focused member, or `null`. */
  get focused(): string | null {
    return this.#focused;
  }

  /** A new canvas shape: everyone arranged for it at once. */
  setAspect(aspect: number): void {
    if (aspect === this.#aspect) return;
    this.#aspect = aspect;
    this.#place(true);
  }

  /** Focuses `id` (`null`: nobody) and arranges everyone anew; whether that changed anything. */
  focus(id: string | null): boolean {
    const next = id !== null && this.#members.has(id) ? id : null;
    if (next === this.#focused) return false;
    this.#focused = next;
    this.#place();
    return true;
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
    if (this.#focused === id) this.#focused = null;
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

  #place(now = false): void {
    const focus = this.#focused === null ? null : this.ids.indexOf(this.#focused);
    const slots = this.#arrangement(this.#members.size, { aspect: this.#aspect, focus, reach: this.#reach });
    let index = 0;
    for (const cube of this.#members.values()) {
      const slot = slots[index++];
      if (slot) cube.place(slot.x, slot.y, slot.z, slot.scale, now);
    }
  }
}
