/**
 * The WebGL renderer behind a stage: made with a typed error when the browser gives no WebGL
 * context, and given back at once when the stage ends.
 */
import { WebGLRenderer } from 'three';
import { SceneError } from './SceneError.ts';

/**
 * A renderer whose canvas fills its container (its drawing size is set apart, with
 * `setSize(width, height, false)`); a {@link SceneError} `'no-webgl'` without a WebGL context.
 */
export function createStageRenderer(options: { readonly pixelRatio?: number; readonly preserveDrawingBuffer?: boolean }): WebGLRenderer {
  let renderer: WebGLRenderer;
  try {
    renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: options.preserveDrawingBuffer ?? false });
  } catch (cause) {
    throw new SceneError('no-webgl', 'Stage: the browser gave no WebGL context', { cause });
  }
  renderer.setPixelRatio(options.pixelRatio ?? Math.min(window.devicePixelRatio, 2));
  renderer.domElement.style.cssText = 'display:block;width:100%;height:100%';
  return renderer;
}

/** Disposes `renderer`, gives its WebGL context back and removes its canvas. */
export function releaseStageRenderer(renderer: WebGLRenderer): void {
  renderer.dispose();
  // dispose() leaves the context alive until garbage collection; browsers allow only ~16.
  renderer.forceContextLoss();
  renderer.domElement.remove();
}
