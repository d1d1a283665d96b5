/**
 * The rig of the Stage browser tests (src/scene/Stage.browser.test.ts): stages on the page, members'
 * coloured streams, and the colours read back from the canvas.
 */
import { vi } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { placeContainer } from './canvasProbes.ts';
import { colourShare, hexToRgb, readAll, readSquare } from './sceneProbes.ts';
import { Stage, type StageOptions } from '../scene/Stage.ts';

/** Colours far apart, and far from the stage background and the placeholder grey. */
export const COLOURS = { ada: '#e02424', bo: '#1fbf3f', cy: '#2a4fe0' } as const;
export type Name = keyof typeof COLOURS;
export const NAMES = Object.keys(COLOURS) as Name[];

export const cleanups: (() => void)[] = [];
/** Disposes what the test under way made and restores its mocks: the test file runs it after each test. */
export function cleanUp(): void {
  while (cleanups.length > 0) cleanups.pop()?.();
  vi.restoreAllMocks();
}

/** A small, slow synthetic stream: enough for colour checks, light on 2 shared cores. */
export function stream(color: string): MediaStream {
  // No label: the text would cover the middle of the picture, where the cubes are sampled.
  const media = createSyntheticStream({ color, width: 96, height: 96, fps: 10 });
  cleanups.push(() => {
    for (const track of media.getTracks()) track.stop();
  });
  return media;
}

export function makeStage(options: StageOptions = {}): Stage {
  const container = placeContainer(480, 270);
  const stage = new Stage({ container: container.element, pixelRatio: 1, transitionMs: 0, ...options });
  cleanups.push(() => {
    stage.dispose();
    container.remove();
  });
  return stage;
}

/** Renders now and reads the share of `name`'s colour around each member's cube centre. */
export function shares(stage: Stage, names: readonly Name[]): Record<string, number> {
  stage.render();
  const result: Record<string, number> = {};
  for (const name of names) {
    const at = stage.screenPosition(name);
    result[name] = at ? colourShare(readSquare(stage.renderer, at.x, at.y, 4), hexToRgb(COLOURS[name])) : 0;
  }
  return result;
}

/** Renders now and reads the share of `colour` over the whole canvas. */
export function shareOnCanvas(stage: Stage, colour: string): number {
  stage.render();
  return colourShare(readAll(stage.renderer), hexToRgb(colour));
}
