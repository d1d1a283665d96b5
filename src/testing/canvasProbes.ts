/**
 * Test-only helpers for the audio visualisers: hand-made AudioFrames, canvas read-back and a
 * ledger of animation frames, so that tests need no sound and no timing.
 */
import { Subject, type OperatorFunction, type Subscription } from 'rxjs';
import { expect, vi } from 'vitest';
import type { AudioFrame } from '../audio/AudioFrame.ts';

/** An AudioFrame a test may write to, as `analyse` writes to the one it reuses. */
export interface WritableFrame extends AudioFrame {
  levelDb: number;
  waveform?: Float32Array;
}

/** A frame as `analyse` would emit it, with every bin silent until set. */
export function silentFrame(bins: number, binHz: number, levelDb = -Infinity): WritableFrame {
  return { levelDb, spectrum: new Float32Array(bins).fill(-Infinity), binHz };
}

/** The RGBA of one device pixel. */
export function pixelAt(canvas: HTMLCanvasElement, x: number, y: number): { r: number; g: number; b: number; a: number } {
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D context');
  const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
  return { r, g, b, a };
}

/** Whether anything is drawn at (x, y). */
export const isPainted = (canvas: HTMLCanvasElement, x: number, y: number) => pixelAt(canvas, x, y).a > 0;

/** Resolves after the browser has painted `count` more animation frames. */
export async function animationFrames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * Spies on requestAnimationFrame and cancelAnimationFrame and keeps the handles that are
 * neither run nor cancelled yet. Undone by `vi.restoreAllMocks()`.
 */
export function animationFrameLedger(): { readonly pending: ReadonlySet<number>; requests: () => number } {
  const pending = new Set<number>();
  let requests = 0;
  const request = window.requestAnimationFrame.bind(window);
  const cancel = window.cancelAnimationFrame.bind(window);
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
    requests += 1;
    const handle = request((time) => {
      pending.delete(handle);
      callback(time);
    });
    pending.add(handle);
    return handle;
  });
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation((handle) => {
    pending.delete(handle);
    cancel(handle);
  });
  return { pending, requests: () => requests };
}

/** A container of a fixed CSS size in the page, removed by the returned function. */
export function placeContainer(width: number, height: number): { element: HTMLElement; remove: () => void } {
  const element = document.createElement('div');
  element.style.cssText = `width:${width}px;height:${height}px`;
  document.body.append(element);
  return { element, remove: () => element.remove() };
}

/**
 * Feeds `view` (an operator from frames to an element) from a Subject, in a container of the
 * given size, owned by `owner`; resolves once the view's canvas has a size.
 */
export async function mountView(
  owner: Subscription,
  view: OperatorFunction<AudioFrame, HTMLElement>,
  width: number,
  height: number,
): Promise<{ view: HTMLElement; canvas: HTMLCanvasElement; frames: Subject<AudioFrame> }> {
  const container = placeContainer(width, height);
  owner.add(container.remove);
  const frames = new Subject<AudioFrame>();
  let element: HTMLElement | undefined;
  owner.add(
    frames.pipe(view).subscribe((emitted) => {
      element = emitted;
      container.element.append(emitted);
    }),
  );
  const canvas = element?.querySelector('canvas');
  if (element === undefined || !canvas) throw new Error('no view');
  await expect.poll(() => canvas.width).toBeGreaterThan(0);
  return { view: element, canvas, frames };
}
