/**
 * The tones a spectrum holds, as a list of frequencies: how a mix of several members reads.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { AudioFrame } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { spectrumPeaks, type PeakOptions } from './spectrumPeaks.ts';

/** spectrumPeaks' defaults, made once rather than per frame. */
const PEAKS: PeakOptions = {};

/**
 * Subscribing emits a box with a list named `label` (one item per peak of the spectrum, "668 Hz",
 * lowest first) and an output "Bin width", kept up to date from the frames; unsubscribing removes
 * it. The list is rebuilt only when the peaks change.
 *
 * @example
 * ```ts
 * mixFrames$.pipe(tonesReadout('Peaks of the mix')).subscribe((box) => card.append(box));
 * ```
 */
export function tonesReadout(label: string): OperatorFunction<AudioFrame, HTMLElement> {
  return (frames$) =>
    new Observable<HTMLElement>((subscriber) => {
      const list = labelled(el('ul'), label);
      list.style.margin = '0.25rem 0';
      const binWidth = labelled(el('output', {}, '–'), 'Bin width');
      const box = el('div', {}, el('p', {}, 'Peaks (bins that stand 20 dB above their neighbours; bins are ', binWidth, ' wide):'), list);
      // Two arrays for the subscription's life: the peaks found now, and those on the page.
      let found: number[] = [];
      let shown: number[] = [];
      let shownBinHz = Number.NaN;
      subscriber.next(box);
      const frames = frames$.subscribe({
        next: (frame) => {
          spectrumPeaks(frame.spectrum, PEAKS, found);
          if (frame.binHz !== shownBinHz) binWidth.textContent = `${frame.binHz.toFixed(2)} Hz`;
          if (frame.binHz === shownBinHz && sameBins(found, shown)) return;
          shownBinHz = frame.binHz;
          list.replaceChildren(...found.map((bin) => el('li', {}, `${Math.round(bin * frame.binHz)} Hz`)));
          [found, shown] = [shown, found];
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        frames.unsubscribe();
        box.remove();
      };
    });
}

function sameBins(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
