/**
 * What the Hearing peers play functions read off the page: the text and ARIA values the
 * cards show, never the analysers themselves, so a test sees what a learner sees.
 */
import { within } from 'storybook/test';

/**
 * The number in an output's text ("peak 656 Hz" → 656), or NaN when it shows none.
 *
 * @example
 * ```ts
 * numberIn(within(card).getByRole('status', { name: 'Peak' })); // 656
 * ```
 */
export function numberIn(output: HTMLElement): number {
  const found = /-?\d+(\.\d+)?/.exec(output.textContent);
  return found ? Number(found[0]) : Number.NaN;
}

/** The loudest frequency a card shows, in Hz (NaN in silence). */
export function peakHz(card: HTMLElement): number {
  return numberIn(within(card).getByRole('status', { name: 'Peak' }));
}

/** The width of the bins a card's analysis uses, in Hz. */
export function binWidthHz(card: HTMLElement): number {
  return numberIn(within(card).getByRole('status', { name: 'Bin width' }));
}

/** The level a card's meter named `name` shows, in whole dB (its `aria-valuenow`). */
export function meterDb(card: HTMLElement, name: string): number {
  return Number(within(card).getByRole('meter', { name }).getAttribute('aria-valuenow'));
}
