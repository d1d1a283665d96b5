/**
 * The spectrum view in real Chromium, fed hand-made frames: a peak in one bin is drawn
 * where the frequency axis puts that bin, as tall as its level, read back from the canvas.
 */
import { Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { animationFrames, isPainted, mountView, silentFrame, type WritableFrame } from '../testing/canvasProbes.ts';
import { spectrumView, type SpectrumViewOptions } from './spectrumView.ts';

let owner = new Subscription();
afterEach(() => {
  owner.unsubscribe();
  owner = new Subscription();
});

const mount = (options: SpectrumViewOptions, width = 600, height = 200) => mountView(owner, spectrumView(options), width, height);

/** 64 bins of 100 Hz: a top of 6400 Hz, and wide bins that make wide bars. */
const BINS = 64;
const BIN_HZ = 100;

/** One loud bin over silence. */
function peakFrame(bin: number, db: number): WritableFrame {
  const frame = silentFrame(BINS, BIN_HZ);
  frame.spectrum[bin] = db;
  return frame;
}

/** Rows painted in column `x`, counted from the bottom. */
function paintedHeight(canvas: HTMLCanvasElement, x: number): number {
  let rows = 0;
  for (let y = canvas.height - 1; y >= 0 && isPainted(canvas, x, y); y--) rows++;
  return rows;
}

describe('spectrumView', () => {
  it('draws a bin where a log axis puts its frequency, and nowhere else', async () => {
    const { canvas, frames } = await mount({ minDb: -100, maxDb: 0 });
    frames.next(peakFrame(10, 0));
    // 1000 Hz on a log axis from 20 Hz to the top, 6400 Hz, worked out here by hand.
    const x = (canvas.width * Math.log(1_000 / 20)) / Math.log(6_400 / 20);
    await expect.poll(() => paintedHeight(canvas, x)).toBe(canvas.height);
    // Bin 10 spans 950-1050 Hz; the bins beside it are silent.
    for (const hz of [800, 1_200, 300, 5_000]) {
      expect(paintedHeight(canvas, (canvas.width * Math.log(hz / 20)) / Math.log(6_400 / 20)), `${hz} Hz`).toBe(0);
    }
  });

  it('places bins evenly on a linear axis', async () => {
    const { canvas, frames } = await mount({ scale: 'linear', minDb: -100, maxDb: 0 });
    frames.next(peakFrame(16, 0));
    const x = (canvas.width * 1_600) / 6_400;
    await expect.poll(() => paintedHeight(canvas, x)).toBe(canvas.height);
    expect(paintedHeight(canvas, (canvas.width * 1_000) / 6_400)).toBe(0);
  });

  it('makes a bar as tall as its level on the dB axis', async () => {
    const { canvas, frames } = await mount({ minDb: -90, maxDb: -30 });
    frames.next(peakFrame(10, -60));
    const x = (canvas.width * Math.log(1_000 / 20)) / Math.log(6_400 / 20);
    // -60 dB is halfway up -90..-30 dB; anti-aliasing may take a row either way.
    await expect.poll(() => Math.abs(paintedHeight(canvas, x) - canvas.height / 2)).toBeLessThanOrEqual(1);
  });

  it('keeps to its own axis: minHz and maxHz decide where a bin goes', async () => {
    const { canvas, frames } = await mount({ minHz: 500, maxHz: 2_000, minDb: -100, maxDb: 0 });
    frames.next(peakFrame(10, 0));
    // 1000 Hz is the middle octave of 500..2000 Hz.
    await expect.poll(() => paintedHeight(canvas, canvas.width / 2)).toBe(canvas.height);
    expect(paintedHeight(canvas, canvas.width / 4)).toBe(0);
  });

  it('reads a frame when it comes: a reused frame rewritten before paint still shows what came', async () => {
    const { canvas, frames } = await mount({ minDb: -100, maxDb: 0 });
    const frame = peakFrame(10, 0);
    frames.next(frame);
    // analyse refills its one frame at the next sample, which may come before the paint.
    frame.spectrum.fill(-Infinity);
    const x = (canvas.width * Math.log(1_000 / 20)) / Math.log(6_400 / 20);
    await animationFrames(2);
    expect(paintedHeight(canvas, x)).toBe(canvas.height);
  });

  it('draws a line through the bins when asked', async () => {
    const { canvas, frames } = await mount({ mode: 'line', minDb: -100, maxDb: 0, lineWidth: 2 });
    frames.next(peakFrame(10, 0));
    const x = (canvas.width * Math.log(1_000 / 20)) / Math.log(6_400 / 20);
    // The line rises to the top at the bin and lies on the floor far from it.
    await expect.poll(() => isPainted(canvas, x, 1)).toBe(true);
    expect(isPainted(canvas, canvas.width * 0.9, 1)).toBe(false);
    expect(isPainted(canvas, canvas.width * 0.9, canvas.height - 1)).toBe(true);
  });

  it('is an image named by its label, set as text', async () => {
    const { view } = await mount({ label: '<b>x</b> spectrum' });
    expect(view.querySelector('b')).toBeNull();
    await expect.element(page.getByRole('img', { name: '<b>x</b> spectrum' })).toBeInTheDocument();
  });

  it('refuses bad options at once', () => {
    expect(() => spectrumView({ minHz: 0 })).toThrow(RangeError);
    expect(() => spectrumView({ minHz: 2_000, maxHz: 1_000 })).toThrow(RangeError);
    expect(() => spectrumView({ minDb: -30, maxDb: -90 })).toThrow(RangeError);
    expect(() => spectrumView({ lineWidth: 0 })).toThrow(RangeError);
    expect(() => spectrumView({ scale: 'linear', minHz: 0 })).not.toThrow();
  });
});
