/**
 * A spectrum's peak as text: which frequency is loudest, and how wide the bins it was measured
 * in are. Made the way peerstage's own meters are, as an operator from frames to an element.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { AudioFrame } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { loudestBin } from './loudestBin.ts';

/**
 * Subscribing emits a line with two outputs, "Peak" ("peak 656 Hz", or "peak –" in silence)
 * and "Bin width" ("23.44 Hz"), and keeps them up to date from the frames; unsubscribing
 * removes the line.
 *
 * @example
 * ```ts
 * frames$.pipe(peakReadout()).subscribe((line) => card.append(line));
 * ```
 */
export function peakReadout(): OperatorFunction<AudioFrame, HTMLElement> {
  return (frames$) =>
    new Observable<HTMLElement>((subscriber) => {
      const peak = labelled(el('output', {}, 'peak –'), 'Peak');
      const binWidth = labelled(el('output', {}, '–'), 'Bin width');
      const line = el('p', {}, peak, ' (the loudest bin; bins are ', binWidth, ' wide)');
      line.style.margin = '0.25rem 0';
      // What the text shows now: it is rewritten only when these change, not on every frame.
      let shownBin = Number.NaN;
      let shownBinHz = Number.NaN;
      subscriber.next(line);
      const frames = frames$.subscribe({
        next: (frame) => {
          const bin = loudestBin(frame.spectrum);
          if (bin !== shownBin || frame.binHz !== shownBinHz) {
            peak.textContent = bin < 0 ? 'peak –' : `peak ${Math.round(bin * frame.binHz)} Hz`;
          }
          if (frame.binHz !== shownBinHz) binWidth.textContent = `${frame.binHz.toFixed(2)} Hz`;
          shownBin = bin;
          shownBinHz = frame.binHz;
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        frames.unsubscribe();
        line.remove();
      };
    });
}
