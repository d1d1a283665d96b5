/**
 * What the Connection quality story's play function checks a quality table against: the levels
 * LINK_THRESHOLDS give, in qualityText's words.
 */
import { expect } from 'storybook/test';
import { qualityText } from '../../src/app/qualityText.ts';
import { LINK_THRESHOLDS, type LinkQuality, type LinkQualityLevel } from '../../src/rtc/index.ts';
import { cell, type ReadRow } from './readingProbes.ts';

/**
 * The level LINK_THRESHOLDS give a round trip and a loss ratio: the play function's own reading
 * of the thresholds, apart from linkQuality's.
 */
export function thresholdLevel(roundTripMs: number | null, lossRatio: number | null): LinkQualityLevel {
  const past = (limit: { readonly roundTripMs: number; readonly lossRatio: number }) =>
    (roundTripMs !== null && roundTripMs >= limit.roundTripMs) || (lossRatio !== null && lossRatio >= limit.lossRatio);
  return past(LINK_THRESHOLDS.poor) ? 'poor' : past(LINK_THRESHOLDS.fair) ? 'fair' : 'good';
}

/**
 * Checks that a row of a quality table rates its own figures by the thresholds, in
 * qualityText's words (inside a `waitFor`).
 */
export function expectRated(row: ReadRow | undefined): void {
  const roundTripMs = cell(row, 'Round trip').value;
  const lossRatio = cell(row, 'Lost').value;
  const relayed = cell(row, 'Relayed').text === 'yes';
  const level = thresholdLevel(roundTripMs, lossRatio);
  const expected: LinkQuality = { level, roundTripMs, lossRatio, relayed };
  expect(cell(row, 'Quality').text).toBe(level);
  expect(cell(row, 'In words').text).toBe(qualityText(expected));
}
