/**
 * Colours read back from a WebGL canvas: the stage's probes for tests and for story play
 * functions alike, so this module imports no test runner.
 */
import type { WebGLRenderer } from 'three';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** '#rrggbb' as numbers. */
export function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}

/**
 * RGBA of the square of side `2 * radius + 1` around canvas pixel (x, y), y from the top.
 * Read with gl.readPixels, so call it in the same task as the render that drew the frame:
 * without preserveDrawingBuffer the buffer is cleared once the browser composites it.
 */
export function readSquare(renderer: WebGLRenderer, x: number, y: number, radius: number): Uint8Array {
  const gl = renderer.getContext();
  const side = 2 * radius + 1;
  const pixels = new Uint8Array(side * side * 4);
  // WebGL counts rows from the bottom.
  gl.readPixels(Math.round(x) - radius, gl.drawingBufferHeight - Math.round(y) - radius - 1, side, side, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  return pixels;
}

/** Every RGBA pixel of the drawing buffer (same caveat as {@link readSquare}). */
export function readAll(renderer: WebGLRenderer): Uint8Array {
  const gl = renderer.getContext();
  const pixels = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
  gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  return pixels;
}

/**
 * The share (0 to 1) of RGBA `pixels` within `tolerance` (Euclidean distance in 0-255 RGB)
 * of `colour`. A share rather than one pixel: a synthetic picture has a moving bar and text.
 */
export function colourShare(pixels: Uint8Array, colour: Rgb, tolerance = 48): number {
  let near = 0;
  const count = pixels.length / 4;
  for (let i = 0; i < pixels.length; i += 4) {
    const dr = (pixels[i] ?? 0) - colour.r;
    const dg = (pixels[i + 1] ?? 0) - colour.g;
    const db = (pixels[i + 2] ?? 0) - colour.b;
    if (dr * dr + dg * dg + db * db <= tolerance * tolerance) near += 1;
  }
  return count === 0 ? 0 : near / count;
}
