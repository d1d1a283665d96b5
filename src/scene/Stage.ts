/**
 * The three.js stage: one rotating cube per room member, each showing that member's video.
 */
import { Color, PerspectiveCamera, Scene, Vector3, WebGLRenderer } from 'three';
import { DEFAULT_LEVEL_SMOOTHING_MS } from './easing.ts';
import { Glide } from './Glide.ts';
import { gridLayout, type Layout } from './layouts.ts';
import { MemberCube, type CubeMotion } from './MemberCube.ts';
import { RenderLoop, type VisibilitySource } from './RenderLoop.ts';
import { SceneError } from './SceneError.ts';

export interface StageOptions {
  /** Where the canvas goes; the stage then follows its size. Default none: place `canvas` yourself. */
  readonly container?: HTMLElement;
  /** Size in CSS pixels while there is no container, or it has no size yet. Default 640 x 360. */
  readonly width?: number;
  readonly height?: number;
  /** Device pixels per CSS pixel. Default `devicePixelRatio`, at most 2. */
  readonly pixelRatio?: number;
  /** Frames per second of the render loop. Default 30, what a recording of the stage needs. */
  readonly fps?: number;
  /** Keep rendering while the page is hidden, e.g. during a recording. Default false. */
  readonly renderWhileHidden?: boolean;
  /** Where members stand (see layouts.ts). Default `gridLayout()`. */
  readonly layout?: Layout;
  /** CSS colour behind the cubes. Default `'#111418'`. */
  readonly background?: string;
  /** Spin in radians per second. Default 0.6. */
  readonly spinRadPerSecond?: number;
  /** Grow-in and shrink-away time in ms; 0 for none. Default 300. */
  readonly transitionMs?: number;
  /**
   * Time in ms for cubes (and the camera framing them) to glide to their new places when
   * members join or leave and the layout changes; 0 to jump. Default `transitionMs`.
   */
  readonly moveMs?: number;
  /** Extra cube scale at full level (`maxDb`); 0 turns audio reactivity off. Default 0.5. */
  readonly levelScale?: number;
  /**
   * Time constant in ms of a cube's size following its level (an exponential approach); 0
   * follows each level at once. Default {@link DEFAULT_LEVEL_SMOOTHING_MS} (80).
   */
  readonly levelSmoothingMs?: number;
  /** The level range that scales the cubes. Default -60 to 0 dBFS. */
  readonly minDb?: number;
  readonly maxDb?: number;
  /** Keep the drawing buffer after compositing, for reading pixels back later. Default false. */
  readonly preserveDrawingBuffer?: boolean;
  /** Visibility source for pausing. Default `document`. */
  readonly visibility?: VisibilitySource;
}

/** What a member brings on stage. */
export interface StageMember {
  /** Shown above the cube, and on it without video. Default the member's ID. */
  readonly name?: string;
  /** Whose video the cube shows; `null` or no video track shows the name instead. */
  readonly stream?: MediaStream | null;
}

const FIELD_OF_VIEW_DEG = 40;
/** Room around the outermost cubes for their spin, their labels and level growth. */
const FRAME_MARGIN = 1.4;
const MIN_CAMERA_DISTANCE = 3.5;

/**
 * Owns a WebGLRenderer, its scene, camera and render loop, and one {@link MemberCube} per
 * member, until {@link Stage.dispose}. The canvas renders at a steady `fps` from a timer (see
 * RenderLoop.ts), so `stage.canvas.captureStream(fps)` records smoothly; rendering pauses
 * while the page is hidden unless `renderWhileHidden`.
 *
 * Everything moves in time, not in frames: cubes grow in and shrink away (`transitionMs`),
 * glide to their new places when the layout changes (`moveMs`), and their size eases toward
 * their level (`levelSmoothingMs`), so the picture stays calm whatever the frame rate.
 *
 * The stage is imperative, as the audio layer's mixer is; {@link roomStage} and
 * {@link showOnStage} drive it from a room's roster.
 *
 * @example
 * ```ts
 * const stage = new Stage({ container: document.querySelector('#stage')! });
 * stage.addMember('ada', { name: 'Ada', stream: createSyntheticStream({ color: '#c33' }) });
 * stage.setLevel('ada', -12);
 * // Ada leaves:
 * stage.removeMember('ada');
 * // later
 * stage.dispose();
 * ```
 */
export class Stage {
  readonly canvas: HTMLCanvasElement;
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly camera = new PerspectiveCamera(FIELD_OF_VIEW_DEG, 16 / 9, 0.1, 200);
  readonly #members = new Map<string, MemberCube>();
  readonly #leaving = new Set<MemberCube>();
  readonly #layout: Layout;
  readonly #motion: CubeMotion;
  readonly #loop: RenderLoop;
  readonly #resizeObserver: ResizeObserver | undefined;
  readonly #projected = new Vector3();
  readonly #cameraGlide: Glide;
  #joined = 0;
  #disposed = false;
  /** Bound once: the loop calls it every frame, and forEach with it allocates nothing. */
  readonly #stepCube = (cube: MemberCube) => cube.step(this.#dtMs);
  #dtMs = 0;

  constructor(options: StageOptions = {}) {
    const { container, width = 640, height = 360 } = options;
    if (!(width >= 1 && height >= 1)) throw new RangeError(`Stage: size must be at least 1 x 1, not ${width} x ${height}`);
    this.#layout = options.layout ?? gridLayout();
    const transitionMs = options.transitionMs ?? 300;
    this.#motion = {
      spinRadPerSecond: options.spinRadPerSecond ?? 0.6,
      transitionMs,
      moveMs: options.moveMs ?? transitionMs,
      levelScale: options.levelScale ?? 0.5,
      levelSmoothingMs: options.levelSmoothingMs ?? DEFAULT_LEVEL_SMOOTHING_MS,
      minDb: options.minDb ?? -60,
      maxDb: options.maxDb ?? 0,
    };
    if (!(this.#motion.maxDb > this.#motion.minDb)) throw new RangeError('Stage: maxDb must be above minDb');
    for (const name of ['transitionMs', 'moveMs', 'levelSmoothingMs'] as const) {
      const value = this.#motion[name];
      if (!(value >= 0 && Number.isFinite(value)))
        throw new RangeError(`Stage: ${name} must be a finite number of 0 or more, not ${value}`);
    }
    // The camera always looks straight down -z (its rotation is never changed), so gliding
    // its position alone keeps every framing level.
    this.#cameraGlide = new Glide(this.camera.position, this.#motion.moveMs);
    try {
      this.renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: options.preserveDrawingBuffer ?? false });
    } catch (cause) {
      throw new SceneError('no-webgl', 'Stage: the browser gave no WebGL context', { cause });
    }
    this.renderer.setPixelRatio(options.pixelRatio ?? Math.min(window.devicePixelRatio, 2));
    this.canvas = this.renderer.domElement;
    this.scene.background = new Color(options.background ?? '#111418');
    // The canvas fills its container; its drawing size is set from the observed box below.
    this.canvas.style.cssText = 'display:block;width:100%;height:100%';
    this.#setSize(container?.clientWidth || width, container?.clientHeight || height);
    if (container) {
      container.append(this.canvas);
      this.#resizeObserver = new ResizeObserver(([entry]) => {
        const box = entry?.contentRect;
        // A container that is hidden or not laid out keeps the last size rather than 0 x 0.
        if (box && box.width >= 1 && box.height >= 1) this.#setSize(box.width, box.height);
      });
      this.#resizeObserver.observe(container);
    }
    try {
      this.#loop = new RenderLoop(
        { fps: options.fps ?? 30, whileHidden: options.renderWhileHidden, visibility: options.visibility },
        (dtMs) => this.#frame(dtMs),
      );
    } catch (error) {
      this.#resizeObserver?.disconnect();
      this.#releaseRenderer();
      throw error;
    }
  }

  /** Whether {@link Stage.dispose} has run. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Whether the render loop runs now (false while the page is hidden, and once disposed). */
  get rendering(): boolean {
    return this.#loop.running;
  }

  /**
   * Whether the stage keeps rendering while the page is hidden: turn it on for as long as a
   * recording of the canvas runs, so a hidden tab does not record a frozen picture.
   *
   * @example
   * ```ts
   * stage.renderWhileHidden = true;  // recording
   * stage.renderWhileHidden = false; // stopped: rest while nobody looks
   * ```
   */
  get renderWhileHidden(): boolean {
    return this.#loop.whileHidden;
  }

  set renderWhileHidden(value: boolean) {
    this.#loop.whileHidden = value;
  }

  /** The IDs of the members on stage, in join order (leaving members are not counted). */
  get memberIds(): readonly string[] {
    return [...this.#members.keys()];
  }

  /**
   * Puts a cube for `id` on stage, or, for an `id` already there, shows the new `stream`.
   * Throws a {@link SceneError} (`'disposed'`) once disposed.
   *
   * @example
   * ```ts
   * stage.addMember(peer.id, { name: peer.name, stream: null }); // the name face, until:
   * stage.setStream(peer.id, stream);
   * ```
   */
  addMember(id: string, member: StageMember = {}): this {
    if (this.#disposed) throw new SceneError('disposed', 'Stage: addMember() after dispose()');
    const existing = this.#members.get(id);
    if (existing) {
      if (member.stream !== undefined) existing.setStream(member.stream);
      return this;
    }
    // Golden-angle phases: any number of cubes turn at visibly different angles.
    const cube = new MemberCube(id, member.name ?? id, this.#motion, this.#joined++ * 2.39996);
    this.#members.set(id, cube);
    this.scene.add(cube.group);
    cube.setStream(member.stream ?? null);
    this.#place();
    return this;
  }

  /**
   * Shows `stream` on `id`'s cube (`null`: the name face). Unknown IDs are ignored.
   *
   * @example
   * ```ts
   * peer.stream$.subscribe((stream) => stage.setStream(peer.id, stream));
   * ```
   */
  setStream(id: string, stream: MediaStream | null): this {
    this.#members.get(id)?.setStream(stream);
    return this;
  }

  /**
   * Scales `id`'s cube with its audio level in dBFS (from `analyse` or `roomLevels`, say).
   * Unknown IDs are ignored.
   *
   * @example
   * ```ts
   * stage.setLevel('ada', frame.levelDb);
   * ```
   */
  setLevel(id: string, levelDb: number): this {
    this.#members.get(id)?.setLevel(levelDb);
    return this;
  }

  /**
   * Takes `id` off stage: its video element is released at once, its cube shrinks away and
   * is then disposed (at once with `transitionMs: 0`). Unknown IDs are ignored.
   *
   * @example
   * ```ts
   * stage.removeMember('ada');
   * ```
   */
  removeMember(id: string): this {
    const cube = this.#members.get(id);
    if (!cube) return this;
    this.#members.delete(id);
    cube.leave();
    if (cube.gone) cube.dispose();
    else this.#leaving.add(cube);
    this.#place();
    return this;
  }

  /**
   * Where the centre of `id`'s cube is drawn, in canvas (drawing buffer) pixels from the top
   * left, or `undefined` for a member not on stage.
   *
   * @example
   * ```ts
   * declare const tooltip: HTMLElement;
   * const at = stage.screenPosition('ada');
   * if (at) tooltip.style.translate = `${at.x / devicePixelRatio}px ${at.y / devicePixelRatio}px`;
   * ```
   */
  screenPosition(id: string): { x: number; y: number } | undefined {
    const cube = this.#members.get(id);
    if (!cube) return undefined;
    this.scene.updateMatrixWorld();
    this.camera.updateMatrixWorld();
    this.#projected.setFromMatrixPosition(cube.group.matrixWorld).project(this.camera);
    return {
      x: ((this.#projected.x + 1) / 2) * this.canvas.width,
      y: ((1 - this.#projected.y) / 2) * this.canvas.height,
    };
  }

  /**
   * How large `id`'s video is drawn at most, in canvas (drawing buffer) pixels: a face of its
   * cube seen face on at full level, where the cube and the camera are going; `undefined` for
   * a member not on stage. A sender need send no larger (`RemotePeer.showVideoAt`).
   *
   * @example
   * ```ts
   * const size = stage.videoSize('ada'); // e.g. { width: 212, height: 212 } on a 640 x 360 stage of four
   * ```
   */
  videoSize(id: string): { width: number; height: number } | undefined {
    const cube = this.#members.get(id);
    if (!cube) return undefined;
    // A cube is 1 unit; at full level it is (1 + levelScale) units, its front face half that nearer.
    const size = 1 + this.#motion.levelScale;
    const distance = Math.max(this.camera.near, this.#cameraGlide.destination.z - cube.destination.z - size / 2);
    const tanHalf = Math.tan(((FIELD_OF_VIEW_DEG / 2) * Math.PI) / 180);
    const edge = Math.ceil((size / (2 * distance * tanHalf)) * this.canvas.height);
    return { width: edge, height: edge };
  }

  /**
   * Draws one frame now, outside the loop: for a still image, or to read pixels back at once.
   *
   * @example
   * ```ts
   * stage.render();
   * const png = stage.canvas.toDataURL();
   * ```
   */
  render(): this {
    if (!this.#disposed) this.renderer.render(this.scene, this.camera);
    return this;
  }

  /**
   * Stops the loop and the size observer, disposes every cube (geometry, materials,
   * textures, video elements), disposes the renderer, gives the WebGL context back and
   * removes the canvas. Idempotent.
   *
   * @example
   * ```ts
   * stage.dispose().disposed; // true
   * ```
   */
  dispose(): this {
    if (this.#disposed) return this;
    this.#disposed = true;
    this.#loop.dispose();
    this.#resizeObserver?.disconnect();
    for (const cube of this.#members.values()) cube.dispose();
    for (const cube of this.#leaving) cube.dispose();
    this.#members.clear();
    this.#leaving.clear();
    this.#releaseRenderer();
    return this;
  }

  #frame(dtMs: number): void {
    this.#dtMs = dtMs;
    this.#cameraGlide.step(dtMs);
    this.#members.forEach(this.#stepCube);
    if (this.#leaving.size > 0) {
      this.#leaving.forEach(this.#stepCube);
      for (const cube of this.#leaving) {
        if (!cube.gone) continue;
        this.#leaving.delete(cube);
        cube.dispose();
      }
    }
    this.render();
  }

  #setSize(width: number, height: number): void {
    // false: the canvas's CSS size is its container's, set above; only the buffer changes.
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    // A new size is framed at once: a glide would show the old framing squeezed meanwhile.
    this.#frameCamera(true);
  }

  /**
   * Lays the members out anew and frames them: a new member stands at its place at once
   * (and grows in there), the others glide to theirs. Leaving cubes stay where they were.
   */
  #place(): void {
    const positions = this.#layout(this.#members.size);
    let index = 0;
    for (const cube of this.#members.values()) {
      const position = positions[index++];
      if (position) cube.place(position.x, position.y, position.z);
    }
    this.#frameCamera(false);
  }

  /**
   * Sends the camera back until every member's cube, label and growth room are in view,
   * where the cubes are going rather than where they are, gliding there unless `now`.
   */
  #frameCamera(now: boolean): void {
    let minX = 0,
      maxX = 0,
      minY = 0,
      maxY = 0,
      maxZ = 0;
    for (const { destination } of this.#members.values()) {
      minX = Math.min(minX, destination.x);
      maxX = Math.max(maxX, destination.x);
      minY = Math.min(minY, destination.y);
      maxY = Math.max(maxY, destination.y);
      maxZ = Math.max(maxZ, destination.z);
    }
    const halfHeight = (maxY - minY) / 2 + FRAME_MARGIN;
    const halfWidth = (maxX - minX) / 2 + FRAME_MARGIN;
    const tanHalf = Math.tan(((FIELD_OF_VIEW_DEG / 2) * Math.PI) / 180);
    const distance = Math.max(MIN_CAMERA_DISTANCE, halfHeight / tanHalf, halfWidth / (tanHalf * this.camera.aspect));
    const centreX = (minX + maxX) / 2;
    const centreY = (minY + maxY) / 2;
    if (now) this.#cameraGlide.jumpTo(centreX, centreY, maxZ + distance);
    else this.#cameraGlide.moveTo(centreX, centreY, maxZ + distance);
  }

  #releaseRenderer(): void {
    this.renderer.dispose();
    // dispose() leaves the context alive until garbage collection; browsers allow only ~16.
    this.renderer.forceContextLoss();
    this.canvas.remove();
  }
}
