import { BehaviorSubject, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { StageLevel } from '../scene/roomStage.ts';
import { placeContainer } from '../testing/canvasProbes.ts';
import { hexToRgb } from '../testing/pixelProbes.ts';
import { type StageViews, stageViews, VIEW_SWITCH } from './stageViews.ts';
import { GAP_PX, OUTLINE_PX, type TileCanvas } from './TileCanvas.ts';
import { tileView } from './tileView.ts';

const releases: (() => void)[] = [];
afterEach(() => {
  while (releases.length > 0) releases.pop()?.();
});

const COLOURS = { me: '#e02424', bo: '#2a4fe0' } as const;
const SPEAKING = '#4ade80';

function stream(color: string): MediaStream {
  const media = createSyntheticStream({ color, width: 96, height: 54, fps: 10 });
  releases.push(() => {
    for (const track of media.getTracks()) track.stop();
  });
  return media;
}

function box(width = 480, height = 270): HTMLElement {
  const container = placeContainer(width, height);
  releases.push(container.remove);
  return container.element;
}

/** Whether the canvas pixel (x, y) is near `colour`. */
function near(canvas: HTMLCanvasElement, x: number, y: number, colour: string): boolean {
  const [r = 0, g = 0, b = 0] = canvas.getContext('2d')!.getImageData(Math.round(x), Math.round(y), 1, 1).data;
  const want = hexToRgb(colour);
  return Math.abs(r - want.r) + Math.abs(g - want.g) + Math.abs(b - want.b) < 90;
}

describe('tileView', () => {
  it('draws each member’s video in a tile with their name, outlines the speaker, and lets go of everything on unsubscribe', async () => {
    const me = stream(COLOURS.me);
    const bo = stream(COLOURS.bo);
    const peers$ = new BehaviorSubject<readonly MemberMedia[]>([
      { id: 'bo', name: 'Bo', stream$: new BehaviorSubject<MediaStream | null>(bo) },
    ]);
    const levels$ = new BehaviorSubject<ReadonlyMap<string, StageLevel>>(new Map());
    let tiles: TileCanvas | undefined;
    const container = box();
    const shown: Subscription = peers$
      .pipe(tileView(container, { self: { id: 'me', name: 'Me', stream: me }, levels$, pixelRatio: 1 }))
      .subscribe((made) => (tiles = made));
    releases.push(() => shown.unsubscribe());
    expect(tiles!.memberIds).toEqual(['me', 'bo']);
    expect(tiles!.canvas.getAttribute('aria-label')).toBe('Video tiles: Me, Bo');
    const centre = (id: string) => {
      const rect = tiles!.tileRects().get(id)!;
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 3 };
    };
    // Frames arrive asynchronously; the loop draws them as they come.
    await expect
      .poll(
        () =>
          near(tiles!.canvas, centre('me').x, centre('me').y, COLOURS.me) &&
          near(tiles!.canvas, centre('bo').x, centre('bo').y, COLOURS.bo),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);

    levels$.next(new Map([['bo', { levelDb: -20, speaking: true }]]));
    expect(tiles!.isSpeaking('bo')).toBe(true);
    tiles!.render();
    const boTile = tiles!.tileRects().get('bo')!;
    // The outline runs round the fitted 16:9 picture, inside the tile's gap: the middle of its
    // left edge, half-way down.
    const picture = Math.min(boTile.width - GAP_PX, ((boTile.height - GAP_PX) * 16) / 9);
    const left = boTile.x + GAP_PX / 2 + (boTile.width - GAP_PX - picture) / 2 + OUTLINE_PX / 2;
    expect(near(tiles!.canvas, left, boTile.y + boTile.height / 2, SPEAKING)).toBe(true);

    // Bo leaves: his tile and video go.
    const boVideo = tiles!.video('bo')!;
    peers$.next([]);
    expect(tiles!.memberIds).toEqual(['me']);
    expect(boVideo.srcObject).toBeNull();

    const meVideo = tiles!.video('me')!;
    shown.unsubscribe();
    expect(tiles!.disposed).toBe(true);
    expect(tiles!.rendering).toBe(false);
    expect(tiles!.canvas.isConnected).toBe(false);
    expect(meVideo.srcObject).toBeNull();
    // The streams are the members': still live.
    expect(me.getVideoTracks()[0]!.readyState).toBe('live');
    expect(bo.getVideoTracks()[0]!.readyState).toBe('live');
  });
});

describe('stageViews', () => {
  it('switches between cubes and tiles, resting the view not shown, and records the one shown', async () => {
    const container = box();
    const peers$ = new BehaviorSubject<readonly MemberMedia[]>([]);
    let views: StageViews | undefined;
    const shown = stageViews(container, { peers$, self: { id: 'me', name: 'Me', stream: stream(COLOURS.me) } }).subscribe(
      (made) => (views = made),
    );
    releases.push(() => shown.unsubscribe());
    const group = container.parentElement!.querySelector(`[role="group"][aria-label="${VIEW_SWITCH.label}"]`)!;
    const [cubes, tiles] = [...group.querySelectorAll('button')];
    expect([cubes!.textContent, tiles!.textContent]).toEqual([VIEW_SWITCH.cubes, VIEW_SWITCH.tiles]);
    expect(cubes!.getAttribute('aria-pressed')).toBe('true');
    expect(views!.recorded).toBe(views!.stage);
    expect(views!.stage!.rendering).toBe(true);
    expect(views!.tiles).toBeUndefined();

    tiles!.click();
    expect(tiles!.getAttribute('aria-pressed')).toBe('true');
    expect(cubes!.getAttribute('aria-pressed')).toBe('false');
    expect(views!.recorded).toBe(views!.tiles);
    expect(views!.tiles!.rendering).toBe(true);
    expect(views!.stage!.rendering).toBe(false);
    await expect.poll(() => views!.tiles!.canvas.width).toBe(480 * Math.min(devicePixelRatio, 2));

    // A recording of the tiles keeps them drawn while the cubes are shown.
    views!.tiles!.renderWhileHidden = true;
    cubes!.click();
    expect(views!.stage!.rendering).toBe(true);
    expect(views!.tiles!.rendering).toBe(true);
    views!.tiles!.renderWhileHidden = false;
    expect(views!.tiles!.rendering).toBe(false);

    const { stage, tiles: made } = views!;
    shown.unsubscribe();
    expect(stage!.disposed).toBe(true);
    expect(made!.disposed).toBe(true);
    expect(group.isConnected).toBe(false);
    expect(container.childElementCount).toBe(0);
  });
});
