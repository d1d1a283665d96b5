/**
 * What the three visualisers share, in real Chromium: one element per subscription, drawing
 * coalesced to animation frames, size from the container, and nothing left after teardown.
 */
import { defer, Subject, Subscription, take, type OperatorFunction } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { animationFrameLedger, animationFrames, placeContainer, silentFrame } from '../testing/canvasProbes.ts';
import type { AudioFrame } from './AudioFrame.ts';
import { levelMeter } from './levelMeter.ts';
import { spectrumView } from './spectrumView.ts';
import { waveformView } from './waveformView.ts';

let owner = new Subscription();
afterEach(() => {
  owner.unsubscribe();
  owner = new Subscription();
  vi.restoreAllMocks();
});

function loudFrame(): AudioFrame {
  const frame = silentFrame(64, 100, -12);
  frame.spectrum.fill(-20);
  frame.waveform = new Float32Array(256).map((_, i) => Math.sin(i / 8));
  return frame;
}

const visualisers: [string, () => OperatorFunction<AudioFrame, HTMLElement>][] = [
  ['levelMeter', () => levelMeter({ label: 'Ada' })],
  ['spectrumView', () => spectrumView()],
  ['waveformView', () => waveformView()],
];

describe.each(visualisers)('%s', (_name, visualiser) => {
  function mount(width = 300, height = 80) {
    const container = placeContainer(width, height);
    owner.add(container.remove);
    const frames = new Subject<AudioFrame>();
    const placed: HTMLElement[] = [];
    const subscription = frames.pipe(visualiser()).subscribe({
      next: (element) => {
        placed.push(element);
        container.element.append(element);
      },
      error: () => undefined,
    });
    owner.add(subscription);
    const element = placed[0];
    const canvas = element?.querySelector('canvas');
    if (element === undefined || !canvas) throw new Error('no element emitted at once');
    return { container: container.element, frames, subscription, element, canvas, placed };
  }

  it('emits one element at once, on subscribe, before any frame', () => {
    const { placed, frames } = mount();
    frames.next(loudFrame());
    frames.next(loudFrame());
    expect(placed).toHaveLength(1);
  });

  it('sizes its canvas to the container in device pixels, and follows it', async () => {
    const { container, canvas } = mount(300, 80);
    const ratio = window.devicePixelRatio;
    await expect.poll(() => canvas.width).toBe(Math.round(canvas.getBoundingClientRect().width * ratio));
    expect(canvas.getBoundingClientRect().width).toBeGreaterThan(100);
    const before = canvas.width;
    container.style.width = '500px';
    await expect.poll(() => canvas.width).toBe(before + 200 * ratio);
    // The canvas's own size never feeds back into layout.
    await animationFrames(3);
    expect(canvas.width).toBe(before + 200 * ratio);
    expect(canvas.height).toBe(Math.round(canvas.getBoundingClientRect().height * ratio));
  });

  it('draws frames that come faster than paint once per animation frame', async () => {
    const { frames, canvas } = mount();
    await expect.poll(() => canvas.width).toBeGreaterThan(0);
    await animationFrames(2);
    const ledger = animationFrameLedger();
    const clears = vi.spyOn(CanvasRenderingContext2D.prototype, 'clearRect');
    for (let i = 0; i < 10; i++) frames.next(loudFrame());
    expect(ledger.requests()).toBe(1);
    await animationFrames(2);
    expect(clears).toHaveBeenCalledTimes(1);
  });

  it('stops drawing and leaves nothing behind on unsubscribe', async () => {
    const { container, frames, subscription, element, canvas } = mount();
    await expect.poll(() => canvas.width).toBeGreaterThan(0);
    // Let the paint the first sizing asked for happen: on a busy machine it may still be pending.
    await animationFrames(2);
    const ledger = animationFrameLedger();
    const disconnects = vi.spyOn(ResizeObserver.prototype, 'disconnect');
    const clears = vi.spyOn(CanvasRenderingContext2D.prototype, 'clearRect');
    // A paint is pending when the subscriber leaves.
    frames.next(loudFrame());
    expect(ledger.pending.size).toBe(1);
    subscription.unsubscribe();

    expect(ledger.pending.size).toBe(0);
    expect(disconnects).toHaveBeenCalled();
    expect(frames.observed).toBe(false);
    expect(element.isConnected).toBe(false);
    expect(container.childElementCount).toBe(0);
    await animationFrames(3);
    expect(clears).not.toHaveBeenCalled();
  });

  it('removes its element when the frames complete', () => {
    const { frames, element } = mount();
    frames.complete();
    expect(element.isConnected).toBe(false);
  });

  it('passes a failure on and removes its element', () => {
    const { frames, element } = mount();
    const failure = new Error('analysis failed');
    let seen: unknown;
    owner.add(frames.pipe(visualiser()).subscribe({ error: (error: unknown) => (seen = error) }));
    frames.error(failure);
    expect(seen).toBe(failure);
    expect(element.isConnected).toBe(false);
  });

  it('does not subscribe to the frames when the subscriber leaves on the element', () => {
    let subscriptions = 0;
    const frames$ = defer(() => {
      subscriptions += 1;
      return new Subject<AudioFrame>();
    });
    const placed: HTMLElement[] = [];
    frames$.pipe(visualiser(), take(1)).subscribe((element) => {
      document.body.append(element);
      placed.push(element);
    });
    expect(placed).toHaveLength(1);
    expect(subscriptions).toBe(0);
    expect(placed[0]?.isConnected).toBe(false);
  });
});
