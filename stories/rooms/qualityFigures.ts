/**
 * Figures a reader chooses, rated as a live link would be. A story cannot slow or break a real
 * link, so the figures go through the same `linkQuality` the roster's stats do: as two stats
 * samples, the second one {@link PACKETS} packets on, that share of them lost.
 */
import { fromEvent, ignoreElements, startWith, tap, type Observable } from 'rxjs';
import { linkQuality, type LinkQuality } from '../../src/rtc/index.ts';
import type { ConnectionStats } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { QUALITY_COLUMNS, showQuality } from './qualityPart.ts';
import { readingTable } from './readingTable.ts';

export interface QualityFigures {
  /** Round trip in ms; `null`: not measured yet. */
  readonly roundTripMs: number | null;
  /** Share of packets lost between the two samples, in percent. */
  readonly lossPercent: number;
  /** Whether a TURN server carries the link. */
  readonly relayed: boolean;
}

/** Packets between the two samples: a hundredth of a percent is one whole packet. */
const PACKETS = 10_000;

/**
 * What `linkQuality` makes of `figures`.
 *
 * @example
 * ```ts
 * figuresQuality({ roundTripMs: 450, lossPercent: 9, relayed: false }).level; // 'poor'
 * ```
 */
export function figuresQuality({ roundTripMs, lossPercent, relayed }: QualityFigures): LinkQuality {
  const lost = Math.round(Math.min(100, Math.max(0, lossPercent)) * (PACKETS / 100));
  const sample = (packetsLost: number, packetsReceived: number): ConnectionStats => ({
    at: 0,
    roundTripMs,
    bitrateInBps: null,
    bitrateOutBps: null,
    bytesReceived: 0,
    bytesSent: 0,
    packetsLost,
    packetsReceived,
    localCandidateType: relayed ? 'relay' : 'host',
    remoteCandidateType: 'host',
  });
  return linkQuality(sample(0, 0), sample(lost, PACKETS - lost));
}

export interface FiguresPanel {
  readonly element: HTMLElement;
  /** Rates the figures at once and again at every change in the form, while subscribed. */
  readonly run: Observable<never>;
}

/**
 * A form named "Figures" ("Round trip (ms)", "Loss (%)", "Relayed"), starting at `initial`,
 * and a table named "Quality of the figures" with one row, "Your figures".
 *
 * @example
 * ```ts
 * const panel = figuresPanel({ roundTripMs: 200, lossPercent: 1, relayed: false });
 * lifetime.add(panel.run.subscribe());
 * ```
 */
export function figuresPanel(initial: QualityFigures): FiguresPanel {
  const roundTrip = el('input', {
    type: 'number',
    min: '0',
    step: '1',
    value: initial.roundTripMs === null ? '' : String(initial.roundTripMs),
  });
  const loss = el('input', { type: 'number', min: '0', max: '100', step: '0.1', value: String(initial.lossPercent) });
  const relayed = el('input', { type: 'checkbox', checked: initial.relayed });
  for (const input of [roundTrip, loss]) input.style.width = '5rem';
  const form = labelled(
    el(
      'form',
      { onsubmit: (event: SubmitEvent) => event.preventDefault() },
      el('label', {}, 'Round trip (ms) ', roundTrip),
      ' ',
      el('label', {}, 'Loss (%) ', loss),
      ' ',
      el('label', {}, relayed, ' Relayed'),
    ),
    'Figures',
  );
  const table = readingTable('Quality of the figures', QUALITY_COLUMNS, 'What the hub would show for a link with these figures.');
  const row = table.row('Your figures');
  const figures = (): QualityFigures => ({
    // An empty box is a round trip not measured yet; an empty loss is none.
    roundTripMs: Number.isFinite(roundTrip.valueAsNumber) ? roundTrip.valueAsNumber : null,
    lossPercent: Number.isFinite(loss.valueAsNumber) ? loss.valueAsNumber : 0,
    relayed: relayed.checked,
  });
  const element = labelled(el('section', {}, el('h3', {}, 'Try figures'), form, table.root), 'Try figures');
  Object.assign(element.style, { border: '1px solid #ccc', borderRadius: '8px', padding: '0 0.75rem 0.75rem', maxWidth: '700px' });
  const run = fromEvent(form, 'input').pipe(
    startWith(null),
    tap(() => showQuality(row, figuresQuality(figures()))),
    ignoreElements(),
  );
  return { element, run };
}
