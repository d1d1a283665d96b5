/**
 * One member as this page hears it: its level, spectrum and waveform, all from one `analyse`
 * of its stream, and the peak as text. The card lives exactly as long as its subscription.
 */
import { merge, Observable, share } from 'rxjs';
import { analyse, type AnalyseOptions } from '../../src/index.ts';
import { levelMeter, spectrumView, waveformView } from '../../src/audio/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { peakReadout } from './peakReadout.ts';
import { placeIn } from './placeIn.ts';

export interface CardMember {
  /** Shown as text: a remote member chose it. */
  readonly name: string;
  readonly color: string;
  /** This page's own member. */
  readonly you?: boolean;
}

/** The spectrum's axis: linear, so every bin is a bar of the same width, up to 2 kHz. */
export const CARD_SPECTRUM = { scale: 'linear', minHz: 0, maxHz: 2_000, minDb: -100, maxDb: -10 } as const;

/**
 * Subscribing puts a card named after the member into `container` and analyses each stream
 * `stream$` hands out (none while it is `null`); unsubscribing stops the analysis, which
 * disposes its Tone.js graph, and removes the card.
 *
 * @example
 * ```ts
 * room.peers$.pipe(forEachPeer((peer) => hearingCard({ name: peerName(peer), color }, peer.stream$, { fftSize: 2048 }, row)))
 *   .subscribe();
 * ```
 */
export function hearingCard(
  member: CardMember,
  stream$: Observable<MediaStream | null>,
  analysis: AnalyseOptions,
  container: HTMLElement,
): Observable<never> {
  return new Observable<never>(() => {
    const slot = (height: string) => {
      const box = el('div');
      Object.assign(box.style, { height, margin: '0.25rem 0' });
      return box;
    };
    const meterSlot = slot('1.75em');
    const spectrumSlot = slot('6em');
    const waveformSlot = slot('3em');
    const readoutSlot = el('div');
    const heading = el('h3', {}, member.name);
    if (member.you) heading.append(el('small', {}, ' (you)'));
    const card = labelled(
      el(
        'section',
        {},
        heading,
        meterSlot,
        spectrumSlot,
        el('small', {}, `0 to ${CARD_SPECTRUM.maxHz / 1_000} kHz, linear`),
        waveformSlot,
        readoutSlot,
      ),
      member.name,
    );
    Object.assign(card.style, { border: `2px solid ${member.color}`, borderRadius: '8px', padding: '0 0.75rem 0.5rem', width: '300px' });
    container.append(card);

    // One analysis, shared by the four views: one Tone.js graph per member, not four.
    const frames$ = stream$.pipe(analyse({ ...analysis, waveform: true }), share());
    const running = merge(
      frames$.pipe(levelMeter({ label: member.name }), placeIn(meterSlot)),
      frames$.pipe(spectrumView({ ...CARD_SPECTRUM, label: `Spectrum of ${member.name}`, color: member.color }), placeIn(spectrumSlot)),
      frames$.pipe(waveformView({ label: `Waveform of ${member.name}`, color: member.color }), placeIn(waveformSlot)),
      frames$.pipe(peakReadout(), placeIn(readoutSlot)),
    ).subscribe();
    return () => {
      running.unsubscribe();
      card.remove();
    };
  });
}
