/**
 * The level meter in real Chromium, fed hand-made frames: its ARIA value, its bar and peak
 * marker read back from the canvas, and its label as text.
 */
import { Subject, Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { animationFrames, pixelAt, placeContainer, silentFrame } from '../testing/canvasProbes.ts';
import type { AudioFrame } from './AudioFrame.ts';
import { levelMeter, type LevelMeterOptions } from './levelMeter.ts';

let owner = new Subscription();
afterEach(() => {
  owner.unsubscribe();
  owner = new Subscription();
});

function mount(options: LevelMeterOptions, width = 400, height = 40) {
  const container = placeContainer(width, height);
  owner.add(container.remove);
  const frames = new Subject<AudioFrame>();
  let meter: HTMLElement | undefined;
  owner.add(
    frames.pipe(levelMeter(options)).subscribe((element) => {
      meter = element;
      container.element.append(element);
    }),
  );
  const canvas = meter?.querySelector('canvas');
  if (meter === undefined || !canvas) throw new Error('no meter');
  // The frame is reused, as analyse reuses its own.
  const frame = silentFrame(16, 100);
  const show = (levelDb: number) => {
    frame.levelDb = levelDb;
    frames.next(frame);
  };
  return { meter, canvas, show };
}

/** Colours that tell the zones apart in a read-back pixel. */
const zones = { color: 'rgb(0, 255, 0)', warnColor: 'rgb(255, 255, 0)', clipColor: 'rgb(255, 0, 0)', trackColor: 'transparent' };
const colourAt = (canvas: HTMLCanvasElement, fraction: number) => {
  const { r, g, b, a } = pixelAt(canvas, fraction * canvas.width, 2);
  if (a === 0) return 'none';
  return r > 200 && g > 200 && b < 60 ? 'warn' : g > 200 && r < 60 ? 'normal' : r > 200 && g < 60 ? 'clip' : `rgba(${r}, ${g}, ${b}, ${a})`;
};
/** Where `db` lies along a -60 to 0 dB meter. */
const along = (db: number) => (db + 60) / 60;

describe('levelMeter', () => {
  it('is an ARIA meter whose value follows the level in whole dB', async () => {
    const { meter, show } = mount({ label: 'Ada' });
    expect(meter.getAttribute('role')).toBe('meter');
    expect(meter.getAttribute('aria-valuemin')).toBe('-60');
    expect(meter.getAttribute('aria-valuemax')).toBe('0');
    await expect.element(page.getByRole('meter', { name: 'Ada' })).toBeInTheDocument();

    show(-20);
    await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe('-20');
    expect(meter.getAttribute('aria-valuetext')).toBe('-20 dB');
    show(-45.4);
    await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe('-45');
    show(-Infinity);
    await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe('-60');
    expect(meter.getAttribute('aria-valuetext')).toBe('below -60 dB');
    // Above the scale: the value stays in range, the text says what it is.
    show(3.2);
    await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe('0');
    expect(meter.getAttribute('aria-valuetext')).toBe('3 dB');
  });

  it('names itself "Level" when given no label, and uses its own range', () => {
    const { meter } = mount({ minDb: -90, maxDb: 6 });
    expect(meter.getAttribute('aria-label')).toBe('Level');
    expect(meter.getAttribute('aria-valuemin')).toBe('-90');
    expect(meter.getAttribute('aria-valuemax')).toBe('6');
    expect(meter.getAttribute('aria-valuenow')).toBe('-90');
    expect(meter.textContent).toBe('');
  });

  it('shows a label that looks like HTML as text', async () => {
    const { meter } = mount({ label: '<b>x</b><img src=x onerror="window.pwned=1">' });
    expect(meter.querySelector('b, img')).toBeNull();
    expect(meter.textContent).toBe('<b>x</b><img src=x onerror="window.pwned=1">');
    await expect.element(page.getByRole('meter', { name: '<b>x</b><img src=x onerror="window.pwned=1">' })).toBeInTheDocument();
    await expect.element(page.getByText('<b>x</b>', { exact: false })).toBeVisible();
  });

  it('fills the bar up to the level, in the colour of each zone', async () => {
    const { canvas, show } = mount({ ...zones, peakHold: false });
    await expect.poll(() => canvas.width).toBeGreaterThan(100);
    show(-30);
    await expect.poll(() => colourAt(canvas, along(-35))).toBe('normal');
    expect(colourAt(canvas, along(-25))).toBe('none');

    show(-3);
    await expect.poll(() => colourAt(canvas, along(-4))).toBe('clip');
    expect(colourAt(canvas, along(-30))).toBe('normal');
    expect(colourAt(canvas, along(-12))).toBe('warn');
    expect(colourAt(canvas, along(-1))).toBe('none');
  });

  it('holds the peak behind a falling level', async () => {
    const { canvas, show } = mount({ ...zones, peakHold: { holdMs: 60_000, decayDbPerSecond: 20 } });
    await expect.poll(() => canvas.width).toBeGreaterThan(100);
    show(-3);
    await animationFrames(2);
    show(-50);
    await expect.poll(() => colourAt(canvas, along(-45))).toBe('none');
    // The marker ends at the peak, two CSS pixels wide.
    expect(colourAt(canvas, along(-3) - 1 / canvas.width)).toBe('clip');
    expect(colourAt(canvas, along(-6))).toBe('none');
    expect(colourAt(canvas, along(-55))).toBe('normal');
  });

  it('lets the peak fall after its hold', async () => {
    const { canvas, show } = mount({ ...zones, peakHold: { holdMs: 0, decayDbPerSecond: 1_000 } });
    await expect.poll(() => canvas.width).toBeGreaterThan(100);
    show(-3);
    await animationFrames(2);
    // A second later at 1000 dB/s the marker is long gone below the scale.
    await new Promise((resolve) => setTimeout(resolve, 100));
    show(-50);
    await animationFrames(2);
    for (const db of [-3, -10, -20, -30, -40]) expect(colourAt(canvas, along(db) - 1 / canvas.width)).toBe('none');
  });

  it('fills from the bottom when vertical', async () => {
    const { canvas, show } = mount({ ...zones, orientation: 'vertical', peakHold: false }, 30, 300);
    await expect.poll(() => canvas.height).toBeGreaterThan(100);
    show(-30);
    const at = (db: number) => pixelAt(canvas, 2, canvas.height * (1 - along(db))).a;
    await expect.poll(() => at(-35)).toBeGreaterThan(0);
    expect(at(-25)).toBe(0);
  });

  it('refuses bad options at once', () => {
    expect(() => levelMeter({ minDb: 0, maxDb: -60 })).toThrow(RangeError);
    expect(() => levelMeter({ tickDb: 0 })).toThrow(RangeError);
    expect(() => levelMeter({ peakHold: { holdMs: -1, decayDbPerSecond: 20 } })).toThrow(RangeError);
  });
});
