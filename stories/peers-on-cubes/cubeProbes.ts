/**
 * What the Peers on cubes play functions read off the stage: the colour at each cube's
 * projected centre, the colours on the whole canvas, and each cube's size.
 */
import { expect, waitFor } from 'storybook/test';
import { colourShare, hexToRgb, readAll, readSquare } from '../../src/testing/pixelProbes.ts';
import { slow } from '../rooms/roomProbes.ts';
import { shownStage, type ShownStage } from './shownStage.ts';

/**
 * Waits until the story shows a stage with exactly `names` on it, and returns it.
 *
 * @example
 * ```ts
 * const shown = await stageWith(canvasElement, ['Ada', 'Bo', 'Cy']);
 * ```
 */
export async function stageWith(canvasElement: HTMLElement, names: readonly string[]): Promise<ShownStage> {
  return waitFor(() => {
    const shown = shownStage(canvasElement);
    if (!shown) throw new Error('the story shows no stage yet');
    const { stage, idsByName } = shown;
    expect([...idsByName.keys()].sort()).toEqual([...names].sort());
    expect([...stage.memberIds].sort()).toEqual([...idsByName.values()].sort());
    return shown;
  }, slow);
}

/**
 * The share (0 to 1) of pixels near the centre of `name`'s cube, as drawn now, within reach of
 * `colour`. Renders first and reads in the same task: the drawing buffer is cleared once the
 * browser has shown it.
 *
 * @example
 * ```ts
 * cubeColourShare(shown, 'Bo', '#1fbf3f'); // near 1 once Bo's picture plays on its cube
 * ```
 */
export function cubeColourShare({ stage, idsByName }: ShownStage, name: string, colour: string): number {
  const id = idsByName.get(name);
  const at = id === undefined ? undefined : stage.screenPosition(id);
  if (!at) return 0;
  stage.render();
  return colourShare(readSquare(stage.renderer, at.x, at.y, 4), hexToRgb(colour));
}

/**
 * The share of the whole canvas within reach of `colour`, as drawn now.
 *
 * @example
 * ```ts
 * canvasColourShare(shown, '#2a4fe0'); // 0 once Cy's cube has gone
 * ```
 */
export function canvasColourShare({ stage }: ShownStage, colour: string): number {
  stage.render();
  return colourShare(readAll(stage.renderer), hexToRgb(colour));
}

/**
 * How big `name`'s cube is drawn now, relative to its size in silence (1).
 *
 * @example
 * ```ts
 * cubeSize(shown, 'Bo') > cubeSize(shown, 'Cy'); // Bo is louder
 * ```
 */
export function cubeSize({ stage, idsByName }: ShownStage, name: string): number {
  const id = idsByName.get(name);
  const group = id === undefined ? undefined : stage.scene.getObjectByName(id);
  // The group grows in and shrinks away; the cube inside it follows the level.
  return (group?.scale.x ?? 0) * (group?.children[0]?.scale.x ?? 0);
}

/**
 * Where each member's cube is drawn now, by name (`stage.screenRects()`, in CSS pixels).
 *
 * @example
 * ```ts
 * cubeRects(shown).get('Bo'); // DOMRectReadOnly
 * ```
 */
export function cubeRects({ stage, idsByName }: ShownStage): ReadonlyMap<string, DOMRectReadOnly> {
  const rects = stage.screenRects();
  const byName = new Map<string, DOMRectReadOnly>();
  for (const [name, id] of idsByName) {
    const rect = rects.get(id);
    if (rect) byName.set(name, rect);
  }
  return byName;
}

/**
 * The pairs of names whose rectangles overlap, and, given the canvas's size, the names of
 * those not inside it: empty when every cube is drawn apart and inside.
 *
 * @example
 * ```ts
 * overlapping(cubeRects(shown), { width: 640, height: 360 }); // [] on a stage that keeps its promise
 * ```
 */
export function overlapping(rects: ReadonlyMap<string, DOMRectReadOnly>, canvas?: { width: number; height: number }): string[] {
  const found: string[] = [];
  const entries = [...rects];
  if (canvas) {
    for (const [name, rect] of entries) {
      if (rect.left < 0 || rect.top < 0 || rect.right > canvas.width || rect.bottom > canvas.height) found.push(`${name} outside`);
    }
  }
  for (const [i, [name, a]] of entries.entries()) {
    for (const [other, b] of entries.slice(i + 1)) {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push(`${name} and ${other}`);
    }
  }
  return found;
}

/**
 * Clicks the stage's canvas at the centre of `name`'s cube, as a pointer would: the stage
 * finds the cube by casting a ray.
 *
 * @example
 * ```ts
 * clickCube(shown, 'Bo'); // Bo is focused
 * ```
 */
export function clickCube(shown: ShownStage, name: string): void {
  const rect = cubeRects(shown).get(name);
  if (!rect) throw new Error(`${name} is not on stage`);
  const box = shown.stage.canvas.getBoundingClientRect();
  const at = { clientX: box.left + rect.x + rect.width / 2, clientY: box.top + rect.y + rect.height / 2, bubbles: true };
  shown.stage.canvas.dispatchEvent(new MouseEvent('click', at));
}
