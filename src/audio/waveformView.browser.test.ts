/**
 * The waveform view in real Chromium, fed hand-made frames: samples drawn at their height,
 * read back from the canvas.
 */
import { Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { isPainted, mountView, silentFrame } from '../testing/canvasProbes.ts';
import { waveformView, type WaveformViewOptions } from './waveformView.ts';

let owner = new Subscription();
afterEach(() => {
  owner.unsubscribe();
  owner = new Subscription();
});

const mount = (options: WaveformViewOptions = {}, width = 400, height = 200) => mountView(owner, waveformView(options), width, height);

/** Rows painted across the middle column. */
function paintedRows(canvas: HTMLCanvasElement): number[] {
  const rows: number[] = [];
  for (let y = 0; y < canvas.height; y++) if (isPainted(canvas, canvas.width / 2, y)) rows.push(y);
  return rows;
}

const near = (rows: number[], y: number) => rows.some((row) => Math.abs(row - y) <= 2);

describe('waveformView', () => {
  it.each([
    ['fewer samples than pixels', 128],
    ['more samples than pixels', 2_048],
  ])('draws each sample at its height, 1 at the top and -1 at the bottom (%s)', async (_case, samples) => {
    const { canvas, frames } = await mount({ axisColor: 'transparent' });
    const frame = silentFrame(16, 100);
    frame.waveform = new Float32Array(samples).fill(0.5);
    frames.next(frame);
    await expect.poll(() => near(paintedRows(canvas), canvas.height / 4)).toBe(true);
    expect(near(paintedRows(canvas), (canvas.height * 3) / 4)).toBe(false);

    // The same frame refilled, as analyse does.
    frame.waveform.fill(-0.5);
    frames.next(frame);
    await expect.poll(() => near(paintedRows(canvas), (canvas.height * 3) / 4)).toBe(true);
    expect(near(paintedRows(canvas), canvas.height / 4)).toBe(false);
  });

  it('spans the extremes of a column it squeezes many samples into', async () => {
    const { canvas, frames } = await mount({ axisColor: 'transparent' }, 100, 200);
    const frame = silentFrame(16, 100);
    // A square wave at 2 samples per period: 40 samples per pixel, each column -0.8 to 0.8.
    frame.waveform = new Float32Array(4_000).map((_, i) => (i % 2 === 0 ? 0.8 : -0.8));
    frames.next(frame);
    const top = canvas.height * 0.1;
    const bottom = canvas.height * 0.9;
    await expect.poll(() => near(paintedRows(canvas), top) && near(paintedRows(canvas), bottom)).toBe(true);
    expect(near(paintedRows(canvas), canvas.height / 2)).toBe(true);
  });

  it('shows only its zero line when the frames carry no waveform', async () => {
    const { canvas, frames } = await mount({ color: 'transparent', axisColor: 'rgb(255, 0, 0)' });
    frames.next(silentFrame(16, 100, -10));
    await expect.poll(() => paintedRows(canvas).length).toBeGreaterThan(0);
    expect(paintedRows(canvas).every((row) => Math.abs(row - canvas.height / 2) <= 1)).toBe(true);
  });

  it('is an image named by its label, set as text', async () => {
    const { view } = await mount({ label: '<i>Ada</i>' });
    expect(view.querySelector('i')).toBeNull();
    await expect.element(page.getByRole('img', { name: '<i>Ada</i>' })).toBeInTheDocument();
  });

  it('refuses bad options at once', () => {
    expect(() => waveformView({ lineWidth: -1 })).toThrow(RangeError);
  });
});
