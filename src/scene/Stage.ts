/**
 * The three.js stage: one rotating cube per room member, each showing that member's video.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable, Subscription } from 'rxjs';
import { Color, type PerspectiveCamera, Raycaster, Scene, Vector2, Vector3, type WebGLRenderer } from 'three';
import { type Arrangement, fitLayout, fromLayout } from './arrangements.ts';
import type { DEFAULT_LEVEL_SMOOTHING_MS } from './easing.ts';
import { type CssRect, FocusButtons } from './FocusButtons.ts';
import type { Layout } from './layouts.ts';
import type { MemberCube } from './MemberCube.ts';
import { RenderLoop, type VisibilitySource } from './RenderLoop.ts';
import { SceneError } from './SceneError.ts';
import { elementSize } from './elementSize.ts';
import { StageCamera } from './StageCamera.ts';
import { StageCast } from './StageCast.ts';
import { type DEFAULT_HIGHLIGHT, stageMotion } from './stageMotion.ts';
import { createStageRenderer, releaseStageRenderer } from './stageRenderer.ts';

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
  /**
   * Where members stand and how large, knowing the canvas's shape and who is focused (see
   * arrangements.ts). Default `fitLayout()`: no two cubes are ever drawn over each other.
   */
  readonly arrangement?: Arrangement;
  /**
   * Where members stand, as a plain layout of the member count (see layouts.ts), used with
   * `fromLayout` when no `arrangement` is given. Only `fitLayout` keeps cubes from being drawn
   * over each other.
   */
  readonly layout?: Layout;
  /** CSS colour of the rim around a speaking member's cube. Default {@link DEFAULT_HIGHLIGHT}. */
  readonly highlight?: string;
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
 * With a `container`, the stage is also a control: a click on a cube focuses its member (it
 * comes forward, larger, and the others make room), a click on it again, elsewhere, or Esc
 * unfocuses; {@link Stage.focus} does the same from code and {@link Stage.focused$} tells it.
 * For the keyboard, the container also holds a list of buttons ("Focus Ada"), one over each
 * cube, invisible until one has the focus (see FocusButtons.ts).
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
  readonly camera: PerspectiveCamera;
  readonly #framing: StageCamera;
  readonly #cast: StageCast;
  readonly #loop: RenderLoop;
  readonly #resizing: Subscription = Subscription.EMPTY;
  readonly #focused = new BehaviorSubject<string | null>(null);
  readonly #buttons: FocusButtons | undefined;
  readonly #cssSize = new Vector2();
  readonly #corner = new Vector3();
  readonly #rect: CssRect = { left: 0, top: 0, right: 0, bottom: 0 };
  readonly #onClick = (event: MouseEvent) => this.#pick(event);
  readonly #onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.#cast.focused !== null) this.focus(null);
  };
  #disposed = false;

  constructor(options: StageOptions = {}) {
    const { container, width = 640, height = 360 } = options;
    if (!(width >= 1 && height >= 1)) throw new RangeError(`Stage: size must be at least 1 x 1, not ${width} x ${height}`);
    const motion = stageMotion(options);
    const arrangement = options.arrangement ?? (options.layout ? fromLayout(options.layout) : fitLayout());
    this.#cast = new StageCast(this.scene, arrangement, motion);
    this.#framing = new StageCamera(motion);
    this.camera = this.#framing.camera;
    this.renderer = createStageRenderer(options);
    this.canvas = this.renderer.domElement;
    this.scene.background = new Color(options.background ?? '#111418');
    // The canvas fills its container; its drawing size follows the container's box.
    this.#setSize(container?.clientWidth || width, container?.clientHeight || height);
    if (container) {
      container.append(this.canvas);
      this.#buttons = new FocusButtons(container, { toggle: (id) => this.focus(this.#cast.focused === id ? null : id) });
      this.canvas.addEventListener('click', this.#onClick);
      container.ownerDocument.addEventListener('keydown', this.#onKey);
      this.#resizing = elementSize(container).subscribe((size) => this.#setSize(size.width, size.height));
    }
    try {
      this.#loop = new RenderLoop(
        { fps: options.fps ?? 30, whileHidden: options.renderWhileHidden, visibility: options.visibility },
        (dtMs) => this.#frame(dtMs),
      );
    } catch (error) {
      this.#releaseControls();
      releaseStageRenderer(this.renderer);
      throw error;
    }
  }

  /**
   * The focused member's ID, or `null`: state, replayed to each subscriber, completing when
   * the stage is disposed. A focused member who leaves is unfocused.
   *
   * @example
   * ```ts
   * stage.focused$.subscribe((id) => console.log(id === null ? 'nobody focused' : `${id} in front`));
   * ```
   */
  get focused$(): Observable<string | null> {
    return this.#focused.pipe(distinctUntilChanged());
  }

  /** The focused member's ID now, or `null`. */
  get focused(): string | null {
    return this.#cast.focused;
  }

  /**
   * Focuses `id`: its cube comes forward, at least twice as large, and the others line up
   * beside it (below it on a tall stage), still never drawn over each other; `null` unfocuses.
   * An ID not on stage unfocuses too.
   *
   * @example
   * ```ts
   * stage.focus('ada');
   * stage.focus(null);
   * ```
   */
  focus(id: string | null): this {
    if (this.#disposed) return this;
    if (this.#cast.focus(id)) this.#framing.frame(this.#cast.cubes, this.#cast.reach, false);
    this.#tellFocus();
    return this;
  }

  /**
   * Highlights `id`'s cube while its member speaks (a rim in `highlight` colour, a little
   * larger), e.g. from `roomLevels`'s `speaking`. Unknown IDs are ignored.
   *
   * @example
   * ```ts
   * stage.setSpeaking('ada', true);
   * ```
   */
  setSpeaking(id: string, speaking: boolean): this {
    this.#cast.cube(id)?.setSpeaking(speaking);
    return this;
  }

  /** Whether `id`'s cube is highlighted as speaking. */
  isSpeaking(id: string): boolean {
    return this.#cast.cube(id)?.speaking ?? false;
  }

  /**
   * Where each member's cube is drawn now: the rectangle around the 8 corners of its cube as
   * turned, scaled and placed at this moment, in CSS pixels from the canvas's top left (the
   * drawing buffer's size divided by the pixel ratio). Members leaving are not in it.
   *
   * @example
   * ```ts
   * for (const [id, rect] of stage.screenRects()) console.log(id, rect.x, rect.y, rect.width, rect.height);
   * ```
   */
  screenRects(): ReadonlyMap<string, DOMRectReadOnly> {
    this.scene.updateMatrixWorld();
    this.camera.updateMatrixWorld();
    const rects = new Map<string, DOMRectReadOnly>();
    for (const cube of this.#cast.cubes) {
      const { left, top, right, bottom } = this.#cubeRect(cube);
      rects.set(cube.id, new DOMRectReadOnly(left, top, right - left, bottom - top));
    }
    return rects;
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
    return this.#cast.ids;
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
    if (this.#cast.add(id, member)) {
      this.#framing.frame(this.#cast.cubes, this.#cast.reach, false);
      this.#buttons?.add(id, member.name ?? id);
    }
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
    this.#cast.cube(id)?.setStream(stream);
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
    this.#cast.cube(id)?.setLevel(levelDb);
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
    if (this.#cast.remove(id)) {
      this.#framing.frame(this.#cast.cubes, this.#cast.reach, false);
      this.#buttons?.remove(id);
      this.#tellFocus();
    }
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
    const cube = this.#cast.cube(id);
    if (!cube) return undefined;
    this.scene.updateMatrixWorld();
    return this.#framing.project(cube.group, this.canvas.width, this.canvas.height);
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
    const cube = this.#cast.cube(id);
    if (!cube) return undefined;
    const edge = this.#framing.videoEdge(cube.destination, this.canvas.height, cube.destinationScale);
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
    this.#releaseControls();
    this.#cast.dispose();
    releaseStageRenderer(this.renderer);
    this.#focused.complete();
    return this;
  }

  #frame(dtMs: number): void {
    this.#framing.step(dtMs);
    this.#cast.step(dtMs);
    this.render();
    if (this.#buttons) this.#placeButtons(this.#buttons);
  }

  #setSize(width: number, height: number): void {
    // false: the canvas's CSS size is its container's, set above; only the buffer changes.
    this.renderer.setSize(width, height, false);
    this.#cast.setAspect(width / height);
    this.#framing.setAspect(width / height, this.#cast.cubes, this.#cast.reach);
  }

  #tellFocus(): void {
    const id = this.#cast.focused;
    if (this.#focused.value === id) return;
    this.#buttons?.setFocused(id);
    this.#focused.next(id);
  }

  #placeButtons(buttons: FocusButtons): void {
    this.scene.updateMatrixWorld();
    this.camera.updateMatrixWorld();
    for (const cube of this.#cast.cubes) buttons.place(cube.id, this.#cubeRect(cube));
  }

  /** `cube`'s 8 corners projected, their bounds in CSS pixels, into one reused rectangle. */
  #cubeRect(cube: MemberCube): CssRect {
    const { x: width, y: height } = this.renderer.getSize(this.#cssSize);
    const rect = this.#rect;
    rect.left = rect.top = Infinity;
    rect.right = rect.bottom = -Infinity;
    for (let corner = 0; corner < 8; corner++) {
      const point = this.#corner
        .set(corner & 1 ? 0.5 : -0.5, corner & 2 ? 0.5 : -0.5, corner & 4 ? 0.5 : -0.5)
        .applyMatrix4(cube.mesh.matrixWorld)
        .project(this.camera);
      const x = ((point.x + 1) / 2) * width;
      const y = ((1 - point.y) / 2) * height;
      rect.left = Math.min(rect.left, x);
      rect.right = Math.max(rect.right, x);
      rect.top = Math.min(rect.top, y);
      rect.bottom = Math.max(rect.bottom, y);
    }
    return rect;
  }

  /** A click on a cube toggles its member's focus; a click beside every cube unfocuses. */
  #pick(event: MouseEvent): void {
    const box = this.canvas.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) return;
    const pointer = new Vector2(((event.clientX - box.left) / box.width) * 2 - 1, 1 - ((event.clientY - box.top) / box.height) * 2);
    const raycaster = new Raycaster();
    raycaster.setFromCamera(pointer, this.camera);
    const cubes = [...this.#cast.cubes];
    const [hit] = raycaster.intersectObjects(
      cubes.map((cube) => cube.mesh),
      false,
    );
    const id = cubes.find((cube) => cube.mesh === hit?.object)?.id ?? null;
    this.focus(id === this.#cast.focused ? null : id);
  }

  #releaseControls(): void {
    this.#resizing.unsubscribe();
    this.canvas.removeEventListener('click', this.#onClick);
    this.canvas.ownerDocument.removeEventListener('keydown', this.#onKey);
    this.#buttons?.dispose();
  }
}
