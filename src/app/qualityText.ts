/**
 * A member's connection quality in words, for the roster.
 */
import type { LinkQuality } from '../rtc/linkQuality.ts';

/**
 * One short phrase: the level, what makes it so when it is not good, and a relay.
 *
 * @example
 * ```ts
 * qualityText({ level: 'poor', roundTripMs: 450, lossRatio: 0.09, relayed: false });
 * // → 'poor connection: 9 % lost, round trip 450 ms — may break up'
 * ```
 */
export function qualityText({ level, roundTripMs, lossRatio, relayed }: LinkQuality): string {
  const why: string[] = [];
  if (level !== 'good') {
    if (lossRatio !== null && lossRatio >= 0.005) why.push(`${Math.round(lossRatio * 100)} % lost`);
    if (roundTripMs !== null) why.push(`round trip ${Math.round(roundTripMs)} ms`);
  }
  const words = `${level} connection${why.length > 0 ? `: ${why.join(', ')}` : ''}${level === 'poor' ? ' — may break up' : ''}`;
  return relayed ? `${words} (relayed)` : words;
}
