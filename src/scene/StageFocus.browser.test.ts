import { BehaviorSubject, NEVER } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { hexToRgb, readAll } from '../testing/sceneProbes.ts';
import { cleanUp, cleanups, COLOURS, makeStage, shareOnCanvas, stream } from '../testing/stageRig.ts';
import { FOCUS_LIST_LABEL, focusLabel } from './FocusButtons.ts';
import { roomStage, type StageLevel } from './roomStage.ts';
import { Stage } from './Stage.ts';
import { DEFAULT_HIGHLIGHT } from './stageMotion.ts';
import { placeContainer } from '../testing/canvasProbes.ts';

afterEach(cleanUp);

const STILL = { spinRadPerSecond: 0, moveMs: 0, transitionMs: 0, levelSmoothingMs: 0 } as const;

/** The bounding box, in canvas pixels from the top left, of the pixels of `colour` on a fresh render. */
function colourBox(stage: Stage, colour: { r: number; g: number; b: number }) {
  stage.render();
  const pixels = readAll(stage.renderer);
  const { width, height } = stage.canvas;
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(pixels[i]! - colour.r) + Math.abs(pixels[i + 1]! - colour.g) + Math.abs(pixels[i + 2]! - colour.b) > 60) continue;
      // WebGL rows count from the bottom.
      const row = height - 1 - y;
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row + 1);
    }
  }
  return { left, right, top, bottom };
}

const overlap = (a: DOMRectReadOnly, b: DOMRectReadOnly) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function clickAt(stage: Stage, rect: DOMRectReadOnly): void {
  const box = stage.canvas.getBoundingClientRect();
  const at = { clientX: box.left + rect.x + rect.width / 2, clientY: box.top + rect.y + rect.height / 2 };
  stage.canvas.dispatchEvent(new MouseEvent('click', { ...at, bubbles: true }));
}

describe('Stage.screenRects', () => {
  it('is the box around the cube as drawn, at its rotation, in CSS pixels', async () => {
    // Pixel ratio 2: the rectangles are in CSS pixels, half the drawing buffer's.
    const stage = makeStage({ ...STILL, pixelRatio: 2 });
    stage.addMember('ada', { name: 'Ada', stream: stream(COLOURS.ada) });
    const rect = stage.screenRects().get('ada');
    expect(rect).toBeDefined();
    // Every face shows Ada's colour once her video plays (the material is unlit).
    await expect.poll(() => shareOnCanvas(stage, COLOURS.ada) > 0.02, { timeout: 10_000 }).toBe(true);
    const drawn = colourBox(stage, hexToRgb(COLOURS.ada));
    // Convex: the drawn outline's box is the box of the 8 projected corners, up to the few
    // antialiased pixels of a sharp corner (the rectangle is about 100 px wide).
    const edges = [
      [rect!.left, drawn.left / 2],
      [drawn.right / 2, rect!.right],
      [rect!.top, drawn.top / 2],
      [drawn.bottom / 2, rect!.bottom],
    ] as const;
    for (const [outer, inner] of edges) {
      expect(inner).toBeGreaterThan(outer - 1);
      expect(inner - outer).toBeLessThan(6);
    }
    expect(stage.screenRects().get('nobody')).toBeUndefined();
  });

  it('keeps every member inside the canvas and apart, for 1 to 8 members, wide and tall', () => {
    for (const [width, height] of [
      [480, 270],
      [200, 420],
    ] as const) {
      const container = placeContainer(width, height);
      const stage = new Stage({ container: container.element, pixelRatio: 1, ...STILL });
      cleanups.push(() => {
        stage.dispose();
        container.remove();
      });
      for (let count = 1; count <= 8; count++) {
        stage.addMember(`m${count}`, { name: `M${count}` });
        // At full level and speaking: the largest each cube gets.
        for (const id of stage.memberIds) stage.setLevel(id, 0).setSpeaking(id, true);
        const rects = [...stage.screenRects().values()];
        expect(rects).toHaveLength(count);
        for (const [i, rect] of rects.entries()) {
          expect(rect.left).toBeGreaterThanOrEqual(0);
          expect(rect.top).toBeGreaterThanOrEqual(0);
          expect(rect.right).toBeLessThanOrEqual(width);
          expect(rect.bottom).toBeLessThanOrEqual(height);
          for (const other of rects.slice(i + 1)) expect(overlap(rect, other)).toBe(false);
        }
      }
    }
  });
});

describe('Stage speaking highlight', () => {
  it('rims and enlarges a speaking member’s cube, and lets go when they stop', () => {
    const stage = makeStage({ ...STILL });
    stage.addMember('ada', { name: 'Ada' }).addMember('bo', { name: 'Bo' });
    expect(shareOnCanvas(stage, DEFAULT_HIGHLIGHT)).toBe(0);
    const before = stage.screenRects().get('ada')!;
    stage.setSpeaking('ada', true);
    expect(stage.isSpeaking('ada')).toBe(true);
    expect(stage.isSpeaking('bo')).toBe(false);
    expect(shareOnCanvas(stage, DEFAULT_HIGHLIGHT)).toBeGreaterThan(0.002);
    // A little larger (at once: no smoothing here).
    expect(stage.screenRects().get('ada')!.width).toBeGreaterThan(before.width * 1.05);
    stage.setSpeaking('ada', false);
    expect(shareOnCanvas(stage, DEFAULT_HIGHLIGHT)).toBe(0);
  });

  it('follows the speaking members of roomStage’s levels', () => {
    const container = placeContainer(320, 180);
    cleanups.push(container.remove);
    const levels$ = new BehaviorSubject<ReadonlyMap<string, StageLevel>>(new Map([['me', { levelDb: -20, speaking: true }]]));
    let stage: Stage | undefined;
    const shown = NEVER.pipe(roomStage({ container: container.element, self: { id: 'me' }, levels$, pixelRatio: 1 })).subscribe(
      (made) => (stage = made),
    );
    cleanups.push(() => shown.unsubscribe());
    expect(stage?.isSpeaking('me')).toBe(true);
    levels$.next(new Map([['me', { levelDb: -80, speaking: false }]]));
    expect(stage?.isSpeaking('me')).toBe(false);
    // A bare number is a level only.
    levels$.next(new Map([['me', -3]]));
    expect(stage?.isSpeaking('me')).toBe(false);
  });
});

describe('Stage focus', () => {
  it('brings a focused member forward, larger, with the others beside it and nobody overlapping', () => {
    const stage = makeStage({ ...STILL });
    const seen: (string | null)[] = [];
    stage.focused$.subscribe((id) => seen.push(id));
    for (const id of ['ada', 'bo', 'cy']) stage.addMember(id, { name: id });
    const area = (id: string) => {
      const rect = stage.screenRects().get(id)!;
      return rect.width * rect.height;
    };
    // Unfocused, alike (up to their different turns).
    expect(area('bo') / area('ada')).toBeGreaterThan(0.6);
    expect(area('bo') / area('ada')).toBeLessThan(1.6);
    stage.focus('bo');
    expect(stage.focused).toBe('bo');
    // Glides are instant here (moveMs 0) but run on frames: wait for one.
    stage.render();
    return expect
      .poll(() => area('bo') > 3 * area('ada'), { timeout: 5_000 })
      .toBe(true)
      .then(() => {
        const rects = [...stage.screenRects().values()];
        for (const [i, rect] of rects.entries()) for (const other of rects.slice(i + 1)) expect(overlap(rect, other)).toBe(false);
        stage.removeMember('bo');
        expect(stage.focused).toBeNull();
        stage.dispose();
        expect(seen).toEqual([null, 'bo', null]);
      });
  });

  it('focuses the cube clicked, unfocuses on a second click or Esc, and offers a button per cube to the keyboard', async () => {
    const stage = makeStage({ ...STILL });
    for (const id of ['ada', 'bo']) stage.addMember(id, { name: id === 'ada' ? 'Ada' : 'Bo' });
    const list = stage.canvas.parentElement!.querySelector(`ul[aria-label="${FOCUS_LIST_LABEL}"]`)!;
    const buttons = [...list.querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent)).toEqual([focusLabel('Ada'), focusLabel('Bo')]);

    clickAt(stage, stage.screenRects().get('ada')!);
    expect(stage.focused).toBe('ada');
    expect(buttons.map((button) => button.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    // Let the glide (moveMs 0: one frame) put Ada where she now stands, then click her again.
    await expect.poll(() => stage.screenRects().get('ada')!.width > 1.5 * stage.screenRects().get('bo')!.width).toBe(true);
    clickAt(stage, stage.screenRects().get('ada')!);
    expect(stage.focused).toBeNull();

    // Keyboard: the buttons lie over their cubes, and pressing one focuses; Esc unfocuses.
    await expect
      .poll(() => {
        const box = buttons[1]!.getBoundingClientRect();
        const canvas = stage.canvas.getBoundingClientRect();
        const rect = stage.screenRects().get('bo')!;
        return Math.abs(box.left - canvas.left - rect.left) <= 1 && Math.abs(box.width - rect.width) <= 1;
      })
      .toBe(true);
    buttons[1]!.focus();
    expect(getComputedStyle(buttons[1]!).opacity).toBe('1');
    buttons[1]!.click();
    expect(stage.focused).toBe('bo');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(stage.focused).toBeNull();
    buttons[1]!.blur();
    expect(getComputedStyle(buttons[1]!).opacity).toBe('0');

    // A click beside every cube unfocuses.
    stage.focus('ada');
    clickAt(stage, new DOMRectReadOnly(0, 0, 2, 2));
    expect(stage.focused).toBeNull();

    // Disposed: the list, its listeners and the Esc listener go.
    stage.dispose();
    expect(list.isConnected).toBe(false);
    expect(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))).not.toThrow();
  });
});
