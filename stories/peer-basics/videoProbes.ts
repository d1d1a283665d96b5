/**
 * What the play functions ask of a `<video>`: is it playing, and which colour is it showing.
 * Synthetic streams differ by background colour, so colour tells whose picture arrived.
 */
import { expect, waitFor } from 'storybook/test';

/** Long enough for ICE, DTLS and the first decoded frame on a slow, busy machine. */
export const WEBRTC_TIMEOUT_MS = 15_000;

/**
 * Resolves once `video` has a picture and its clock is moving; rejects after `timeout` ms.
 *
 * @example
 * ```ts
 * await waitUntilPlaying(canvas.getByLabelText('Alice receives'));
 * ```
 */
export async function waitUntilPlaying(video: HTMLVideoElement, timeout = WEBRTC_TIMEOUT_MS): Promise<void> {
  await waitFor(() => expect(video.videoWidth).toBeGreaterThan(0), { timeout });
  const startedAt = video.currentTime;
  await waitFor(() => expect(video.currentTime).toBeGreaterThan(startedAt), { timeout });
}

type Rgb = readonly [number, number, number];

/** The mean colour of the frame `video` shows now. */
export function meanColor(video: HTMLVideoElement): Rgb {
  // A small copy is enough for a mean and cheap to read back.
  return meanOf(drawn(8, 6, (context) => context.drawImage(video, 0, 0, 8, 6)));
}

/** Any CSS colour as RGB, as the browser resolves it. */
export function cssColor(color: string): Rgb {
  return meanOf(
    drawn(1, 1, (context) => {
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
    }),
  );
}

/**
 * Whether `sample` is nearer to `near` than to `far`: the white sweep and label move a frame's
 * mean a little towards white, never from one background colour to another.
 *
 * @example
 * ```ts
 * nearer(meanColor(video), cssColor('#d9822b'), cssColor('#2b4c7e'));
 * ```
 */
export function nearer(sample: Rgb, near: Rgb, far: Rgb): boolean {
  return distance(sample, near) < distance(sample, far);
}

function drawn(width: number, height: number, draw: (context: CanvasRenderingContext2D) => void): Uint8ClampedArray {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas context');
  draw(context);
  return context.getImageData(0, 0, width, height).data;
}

function meanOf(pixels: Uint8ClampedArray): Rgb {
  let red = 0;
  let green = 0;
  let blue = 0;
  for (let index = 0; index < pixels.length; index += 4) {
    red += pixels[index] ?? 0;
    green += pixels[index + 1] ?? 0;
    blue += pixels[index + 2] ?? 0;
  }
  const count = pixels.length / 4;
  return [red / count, green / count, blue / count];
}

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
