/**
 * The tile view's picture: each member's video in a tile with their name, the speaking
 * member outlined, drawn into one 2D canvas, so that the canvas can be recorded exactly as
 * the stage's is (`canvas.captureStream`).
 */
import type { Subscription } from 'rxjs';
import { elementSize } from '../scene/elementSize.ts';
import { RenderLoop, type VisibilitySource } from '../scene/RenderLoop.ts';
import { fitInside, TILE_ASPECT, tileGrid, type TileRect } from './tileGrid.ts';

export interface TileCanvasOptions {
  /** Frames per second, drawn from a timer as the stage's are (see RenderLoop.ts). Default 30. */
  readonly fps?: number;
  /** Device pixels per CSS pixel. Default `devicePixelRatio`, at most 2. */
  readonly pixelRatio?: number;
  /** Where the loop learns whether the view is seen. Default `document`. */
  readonly visibility?: VisibilitySource;
  /** Keep drawing while not seen, e.g. during a recording. Default false. */
  readonly renderWhileHidden?: boolean;
}

/** The canvas's accessible name before the names of the members shown. */
export const TILES_LABEL = 'Video tiles';

/** Colours from the page's tokens where it has them (read once), else these. */
const FALLBACK = { background: '#111418', tile: '#3a3f4b', text: '#e8ebf0', label: '#171b21', speaking: '#4ade80' } as const;
/** Space between tiles and the width of the speaking outline, in CSS pixels. */
export const GAP_PX = 6;
export const OUTLINE_PX = 4;
const NAME_PX = 15;

interface Tile {
  readonly name: string;
  video: HTMLVideoElement | undefined;
  speaking: boolean;
}

/**
 * Owns a 2D canvas in `container`, one `<video>` per member with video and a render loop,
 * until {@link TileCanvas.dispose}. The members' streams are not stopped: they are not its own.
 *
 * @example
 * ```ts
 * declare const container: HTMLElement, stream: MediaStream;
 * const tiles = new TileCanvas(container);
 * tiles.addMember('ada', 'Ada');
 * tiles.setStream('ada', stream);
 * tiles.setSpeaking('ada', true);
 * // later
 * tiles.dispose();
 * ```
 */
export class TileCanvas {
  readonly canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #tiles = new Map<string, Tile>();
  readonly #ratio: number;
  readonly #colours: { readonly [K in keyof typeof FALLBACK]: string };
  readonly #loop: RenderLoop;
  readonly #resizing: Subscription;
  #disposed = false;

  constructor(container: HTMLElement, options: TileCanvasOptions = {}) {
    this.canvas = document.createElement('canvas');
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('Tile view: the browser gave no 2D canvas context');
    this.#context = context;
    this.#ratio = options.pixelRatio ?? Math.min(window.devicePixelRatio, 2);
    const style = getComputedStyle(container);
    const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    this.#colours = {
      background: token('--stage-bg', FALLBACK.background),
      tile: FALLBACK.tile,
      text: FALLBACK.text,
      label: FALLBACK.label,
      speaking: token('--speaking', FALLBACK.speaking),
    };
    this.canvas.style.cssText = 'display:block;width:100%;height:100%';
    this.canvas.setAttribute('role', 'img');
    this.#label();
    this.#setSize(container.clientWidth || 640, container.clientHeight || 360);
    container.append(this.canvas);
    this.#resizing = elementSize(container).subscribe((size) => this.#setSize(size.width, size.height));
    this.#loop = new RenderLoop({ fps: options.fps ?? 30, whileHidden: options.renderWhileHidden, visibility: options.visibility }, () =>
      this.render(),
    );
  }

  /** Whether {@link TileCanvas.dispose} has run. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Whether the loop draws now. */
  get rendering(): boolean {
    return this.#loop.running;
  }

  /** Keep drawing while not seen: on for as long as a recording of the canvas runs. */
  get renderWhileHidden(): boolean {
    return this.#loop.whileHidden;
  }

  set renderWhileHidden(value: boolean) {
    this.#loop.whileHidden = value;
  }

  /** The members shown, in the order their tiles are. */
  get memberIds(): readonly string[] {
    return [...this.#tiles.keys()];
  }

  /** The `<video>` drawing `id`'s tile, while it has video (for tests and probes). */
  video(id: string): HTMLVideoElement | undefined {
    return this.#tiles.get(id)?.video;
  }

  /** Whether `id`'s tile is outlined as speaking. */
  isSpeaking(id: string): boolean {
    return this.#tiles.get(id)?.speaking ?? false;
  }

  /** The rectangles, in canvas pixels, of the tiles now, in their order. */
  tileRects(): ReadonlyMap<string, TileRect> {
    const rects = tileGrid(this.#tiles.size, this.canvas.width, this.canvas.height);
    const byId = new Map<string, TileRect>();
    for (const [i, id] of this.memberIds.entries()) {
      const rect = rects[i];
      if (rect) byId.set(id, rect);
    }
    return byId;
  }

  /** A tile for `id` named `name`, last; its name shows until {@link TileCanvas.setStream} gives video. */
  addMember(id: string, name: string): this {
    if (this.#disposed || this.#tiles.has(id)) return this;
    this.#tiles.set(id, { name, video: undefined, speaking: false });
    this.#label();
    return this;
  }

  /** Takes `id`'s tile away and lets go of its video element. */
  removeMember(id: string): this {
    const tile = this.#tiles.get(id);
    if (!tile) return this;
    releaseVideo(tile);
    this.#tiles.delete(id);
    this.#label();
    return this;
  }

  /** Shows `stream`'s video in `id`'s tile; `null` or no video track shows the name alone. */
  setStream(id: string, stream: MediaStream | null): this {
    const tile = this.#tiles.get(id);
    if (!tile || this.#disposed) return this;
    releaseVideo(tile);
    const tracks = stream?.getVideoTracks() ?? [];
    if (tracks.length === 0) return this;
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    // Its own stream of the video tracks: the element never holds the member's sound.
    video.srcObject = new MediaStream(tracks);
    // Autoplay may wait for a gesture; the tile then shows the first frame it has.
    void video.play().catch(() => undefined);
    tile.video = video;
    return this;
  }

  setSpeaking(id: string, speaking: boolean): this {
    const tile = this.#tiles.get(id);
    if (tile) tile.speaking = speaking;
    return this;
  }

  /** Draws one frame now. */
  render(): this {
    if (this.#disposed) return this;
    const context = this.#context;
    const { width, height } = this.canvas;
    const ratio = this.#ratio;
    const gap = GAP_PX * ratio;
    context.fillStyle = this.#colours.background;
    context.fillRect(0, 0, width, height);
    const rects = tileGrid(Math.max(1, this.#tiles.size), width, height);
    let index = 0;
    for (const tile of this.#tiles.values()) {
      const cell = rects[index++];
      if (!cell) break;
      const inner = {
        x: cell.x + gap / 2,
        y: cell.y + gap / 2,
        width: Math.max(1, cell.width - gap),
        height: Math.max(1, cell.height - gap),
      };
      this.#drawTile(tile, inner);
    }
    return this;
  }

  /** Stops the loop and the size watcher, lets go of every video element and removes the canvas. Idempotent. */
  dispose(): this {
    if (this.#disposed) return this;
    this.#disposed = true;
    this.#loop.dispose();
    this.#resizing.unsubscribe();
    for (const tile of this.#tiles.values()) releaseVideo(tile);
    this.#tiles.clear();
    this.canvas.remove();
    return this;
  }

  #drawTile(tile: Tile, cell: TileRect): void {
    const context = this.#context;
    const ratio = this.#ratio;
    const video = tile.video;
    const playing = video !== undefined && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
    const picture = fitInside(cell, playing ? video.videoWidth / video.videoHeight : TILE_ASPECT);
    if (playing) context.drawImage(video, picture.x, picture.y, picture.width, picture.height);
    else {
      context.fillStyle = this.#colours.tile;
      context.fillRect(picture.x, picture.y, picture.width, picture.height);
    }
    // The name, on a band at the bottom of the picture: text, never markup.
    const size = NAME_PX * ratio;
    context.font = `600 ${size}px system-ui, sans-serif`;
    context.textBaseline = 'middle';
    const band = size * 1.8;
    const textWidth = Math.min(context.measureText(tile.name).width, picture.width - size);
    context.fillStyle = this.#colours.label;
    context.globalAlpha = 0.75;
    context.fillRect(picture.x, picture.y + picture.height - band, textWidth + size, band);
    context.globalAlpha = 1;
    context.fillStyle = this.#colours.text;
    context.fillText(tile.name, picture.x + size / 2, picture.y + picture.height - band / 2, Math.max(1, picture.width - size));
    if (tile.speaking) {
      const line = OUTLINE_PX * ratio;
      context.strokeStyle = this.#colours.speaking;
      context.lineWidth = line;
      context.strokeRect(picture.x + line / 2, picture.y + line / 2, picture.width - line, picture.height - line);
    }
  }

  #setSize(width: number, height: number): void {
    this.canvas.width = Math.max(1, Math.round(width * this.#ratio));
    this.canvas.height = Math.max(1, Math.round(height * this.#ratio));
    if (!this.#disposed && this.#loop) this.render();
  }

  #label(): void {
    const names = [...this.#tiles.values()].map((tile) => tile.name);
    this.canvas.setAttribute('aria-label', names.length > 0 ? `${TILES_LABEL}: ${names.join(', ')}` : TILES_LABEL);
  }
}

function releaseVideo(tile: Tile): void {
  const video = tile.video;
  if (!video) return;
  tile.video = undefined;
  video.pause();
  // Let go of the stream; its tracks are the member's, not stopped here.
  video.srcObject = null;
}
