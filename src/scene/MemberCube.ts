/**
 * One member on the stage: a rotating cube showing its video (or its name, without video),
 * a name label above it, and everything GPU- and DOM-side that goes with them.
 */
import { BackSide, BoxGeometry, Group, Mesh, MeshBasicMaterial, Sprite, SpriteMaterial, Vector3, VideoTexture, type Texture } from 'three';
import { approach, easeOutCubic } from './easing.ts';
import { Glide } from './Glide.ts';
import { memberVideo, type MemberVideo } from './memberVideo.ts';
import { nameTexture } from './nameTexture.ts';

/** Label and placeholder canvas sizes in pixels: sharp at the sizes a stage shows them. */
const LABEL_SIZE = { width: 256, height: 64 } as const;
const FACE_SIZE = { width: 256, height: 256 } as const;
/** Label size in world units and its gap above the cube (a cube is 1 unit). */
const LABEL_WIDTH = 1.4;
const LABEL_OFFSET_Y = 0.95;
/** A speaking cube grows this much, and its coloured rim is this much larger than it. */
const SPEAKING_SCALE = 1.08;
const RIM_SCALE = 1.12;

/**
 * The radius, in units, of the sphere holding everything a cube of slot scale 1 draws at its
 * largest with `levelScale`: turned any way (half the diagonal), at full level, speaking (with
 * its rim), and its name label above it. Arrangements keep such spheres apart on screen.
 *
 * @example
 * ```ts
 * cubeReach(0.5); // ≈ 1.57: √3/2 × 1.5 × 1.08 × 1.12
 * cubeReach(0); // ≈ 1.33: the label's corner is the farthest
 * ```
 */
export function cubeReach(levelScale: number): number {
  const label = Math.hypot(LABEL_WIDTH / 2, LABEL_OFFSET_Y + (LABEL_WIDTH * LABEL_SIZE.height) / LABEL_SIZE.width / 2);
  return Math.max((Math.sqrt(3) / 2) * (1 + levelScale) * SPEAKING_SCALE * RIM_SCALE, label);
}

/** How a cube moves, in the stage's units. */
export interface CubeMotion {
  /** Spin about the vertical axis, radians per second. */
  readonly spinRadPerSecond: number;
  /** Time to grow in on joining and shrink away on leaving, ms; 0 for none. */
  readonly transitionMs: number;
  /** Time to glide to a new place when the layout changes, ms; 0 to jump. */
  readonly moveMs: number;
  /** CSS colour of a speaking member's rim. */
  readonly highlight: string;
  /** Extra scale at full level: 0.5 makes a cube 1.5 times its size at `maxDb`. */
  readonly levelScale: number;
  /** Time constant of the size following the level, ms; 0 to follow each level at once. */
  readonly levelSmoothingMs: number;
  readonly minDb: number;
  readonly maxDb: number;
}

/**
 * Where a cube stands in its life: not placed yet (its first place it stands at at once), on
 * stage at its place (later places it glides to), shrinking away after its member left, or
 * disposed.
 */
type CubeState = { readonly phase: 'unplaced' | 'placed' | 'leaving' | 'disposed' };

/**
 * Owns one member's cube until {@link MemberCube.dispose}. The stage calls
 * {@link MemberCube.step} every frame; nothing in it allocates.
 */
export class MemberCube {
  /** Placed by the stage; the cube spins inside it and the label stays upright above. */
  readonly id: string;
  readonly group = new Group();
  readonly mesh: Mesh<BoxGeometry, MeshBasicMaterial>;
  readonly #label: Sprite;
  /** A larger box drawn inside out behind the cube: seen as a coloured rim around it while speaking. */
  readonly #rim: Mesh<BoxGeometry, MeshBasicMaterial>;
  readonly #placeholder: Texture;
  readonly #motion: CubeMotion;
  #video: MemberVideo | undefined;
  /** Where the enter/exit transition stands, 0 (gone) to 1 (full size). */
  #presence: number;
  readonly #glide: Glide;
  /** The slot's scale (the same on all three axes), gliding as the place does. */
  readonly #slotScale = new Vector3(1, 1, 1);
  readonly #scaleGlide: Glide;
  /** Whether the member speaks, and how far the highlight has come, 0 to 1. */
  #speaking = false;
  #emphasis = 0;
  /** Where the level stands, 0 (at or below `minDb`) to 1 (at `maxDb`), and where it heads. */
  #levelFraction = 0;
  #levelTarget = 0;
  #state: CubeState = { phase: 'unplaced' };

  constructor(id: string, name: string, motion: CubeMotion, phase: number) {
    this.id = id;
    this.#motion = motion;
    this.#presence = motion.transitionMs > 0 ? 0 : 1;
    this.#placeholder = nameTexture(name, { ...FACE_SIZE, background: '#3a3f4b', color: '#f0f0f0' });
    this.mesh = new Mesh(new BoxGeometry(1, 1, 1), new MeshBasicMaterial({ map: this.#placeholder }));
    // Members start at different angles so that a row of cubes does not turn in lockstep.
    this.mesh.rotation.set(0.35, phase, 0);
    this.#rim = new Mesh(this.mesh.geometry, new MeshBasicMaterial({ color: motion.highlight, side: BackSide }));
    this.#rim.scale.setScalar(RIM_SCALE);
    this.#rim.visible = false;
    this.mesh.add(this.#rim);
    const labelMap = nameTexture(name, { ...LABEL_SIZE, background: null, color: '#ffffff' });
    this.#label = new Sprite(new SpriteMaterial({ map: labelMap, transparent: true, depthWrite: false }));
    this.#label.scale.set(LABEL_WIDTH, (LABEL_WIDTH * LABEL_SIZE.height) / LABEL_SIZE.width, 1);
    this.#label.position.y = LABEL_OFFSET_Y;
    this.group.add(this.mesh, this.#label);
    this.group.name = id;
    this.#glide = new Glide(this.group.position, motion.moveMs);
    this.#scaleGlide = new Glide(this.#slotScale, motion.moveMs);
    this.#applyScale();
  }

  /** Whether the exit transition is over, so the stage may dispose the cube. */
  get gone(): boolean {
    return this.leaving && this.#presence <= 0;
  }

  get leaving(): boolean {
    return this.#state.phase === 'leaving';
  }

  /** Where the cube stands once any glide is over. */
  get destination(): { readonly x: number; readonly y: number; readonly z: number } {
    return this.#glide.destination;
  }

  /** The scale the cube's slot has once any glide is over. */
  get destinationScale(): number {
    return this.#scaleGlide.destination.x;
  }

  /** Whether the member is highlighted as speaking. */
  get speaking(): boolean {
    return this.#speaking;
  }

  /** The element playing this member's video, while there is one (for tests and probes). */
  get video(): HTMLVideoElement | undefined {
    return this.#video?.video;
  }

  /**
   * Shows `stream`'s video, or the name face when `stream` is null or has no video track.
   * The previous video element is released first.
   */
  setStream(stream: MediaStream | null): void {
    if (this.#state.phase === 'disposed') return;
    this.#releaseVideo();
    if (this.leaving || !stream || stream.getVideoTracks().length === 0) {
      this.#showMap(this.#placeholder);
      return;
    }
    this.#video = memberVideo(stream);
    this.#showMap(this.#video.texture);
  }

  /**
   * Sends the cube to (x, y, z) at `scale`: the first time (or `now`) it stands there at once
   * (it grows in there), after that it glides there over `moveMs`.
   */
  place(x: number, y: number, z: number, scale = 1, now = false): void {
    if (this.#state.phase === 'unplaced' || now) {
      this.#glide.jumpTo(x, y, z);
      this.#scaleGlide.jumpTo(scale, scale, scale);
      if (this.#state.phase === 'unplaced') this.#state = { phase: 'placed' };
      this.#applyScale();
    } else {
      this.#glide.moveTo(x, y, z);
      this.#scaleGlide.moveTo(scale, scale, scale);
    }
  }

  /**
   * Highlights the cube while its member speaks: a rim in the highlight colour at once, and a
   * little larger, eased as the level is (`levelSmoothingMs`).
   */
  setSpeaking(speaking: boolean): void {
    this.#speaking = speaking && !this.leaving;
    this.#rim.visible = this.#speaking;
    if (this.#motion.levelSmoothingMs > 0) return;
    this.#emphasis = this.#speaking ? 1 : 0;
    this.#applyScale();
  }

  /**
   * Sets the audio level the cube's size follows; -Infinity and NaN mean silence. The size
   * eases toward it frame by frame (`levelSmoothingMs`), so that levels arriving at the
   * analysis rate, often below the frame rate, do not make the cube jitter.
   */
  setLevel(levelDb: number): void {
    const { minDb, maxDb, levelSmoothingMs } = this.#motion;
    const fraction = (levelDb - minDb) / (maxDb - minDb);
    // NaN fails both comparisons and lands on 0 with silence.
    this.#levelTarget = fraction > 0 ? Math.min(1, fraction) : 0;
    if (levelSmoothingMs > 0) return;
    // No smoothing: at once, not on the next frame.
    this.#levelFraction = this.#levelTarget;
    this.#applyScale();
  }

  /** Starts the exit: the video is released at once, the cube shrinks away over the transition. */
  leave(): void {
    const { phase } = this.#state;
    if (phase === 'leaving' || phase === 'disposed') return;
    this.#state = { phase: 'leaving' };
    this.#releaseVideo();
    this.#showMap(this.#placeholder);
    this.setSpeaking(false);
    if (this.#motion.transitionMs <= 0) this.#presence = 0;
  }

  /** Advances spin, transitions, glide and level by `dtMs`. */
  step(dtMs: number): void {
    const { spinRadPerSecond, transitionMs, levelSmoothingMs } = this.#motion;
    this.mesh.rotation.y += (spinRadPerSecond * dtMs) / 1000;
    if (transitionMs > 0) {
      const delta = dtMs / transitionMs;
      this.#presence = this.leaving ? Math.max(0, this.#presence - delta) : Math.min(1, this.#presence + delta);
    }
    this.#glide.step(dtMs);
    this.#scaleGlide.step(dtMs);
    this.#emphasis = approach(this.#emphasis, this.#speaking ? 1 : 0, dtMs, levelSmoothingMs);
    this.#levelFraction = approach(this.#levelFraction, this.#levelTarget, dtMs, levelSmoothingMs);
    this.#applyScale();
  }

  /** Frees geometry, materials, textures and the video element. Idempotent. */
  dispose(): void {
    if (this.#state.phase === 'disposed') return;
    this.#state = { phase: 'disposed' };
    this.#releaseVideo();
    this.group.removeFromParent();
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.#rim.material.dispose();
    this.#placeholder.dispose();
    this.#label.material.map?.dispose();
    this.#label.material.dispose();
  }

  #showMap(map: Texture): void {
    const material = this.mesh.material;
    if (material.map === map) return;
    // three decodes sRGB video in the shader, other textures in the sampler: a switch between
    // the two kinds needs another shader program, which only a material update asks for.
    const kindChanged = material.map instanceof VideoTexture !== map instanceof VideoTexture;
    material.map = map;
    if (kindChanged) material.needsUpdate = true;
  }

  #releaseVideo(): void {
    this.#video?.release();
    this.#video = undefined;
  }

  #applyScale(): void {
    // Ease out, so that a cube arrives and leaves softly rather than at constant speed.
    const presence = easeOutCubic(this.#presence);
    this.group.scale.setScalar(Math.max(presence, 1e-4) * this.#slotScale.x);
    const speakingScale = 1 + (SPEAKING_SCALE - 1) * this.#emphasis;
    this.mesh.scale.setScalar((1 + this.#motion.levelScale * this.#levelFraction) * speakingScale);
  }
}
