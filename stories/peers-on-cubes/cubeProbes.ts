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
