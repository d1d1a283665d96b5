/**
 * A member's connection stats as a person reads them.
 */
import { isRelayed, type ConnectionStats } from '../rtc/connectionStats.ts';

const CANDIDATE_WORDS: Record<RTCIceCandidateType, string> = {
  host: 'direct',
  srflx: 'direct, through NAT',
  prflx: 'direct, through NAT',
  relay: 'relayed by TURN',
};

/**
 * One line: round trip, bitrates in and out, and how the traffic goes.
 *
 * @example
 * ```ts
 * declare const stats: ConnectionStats;
 * statsText(stats); // → 'round trip 3 ms · in 812 kbit/s · out 790 kbit/s · host (direct)'
 * ```
 */
export function statsText(stats: ConnectionStats): string {
  const rtt = stats.roundTripMs === null ? 'round trip –' : `round trip ${Math.round(stats.roundTripMs)} ms`;
  const rate = (bps: number | null) => (bps === null ? '–' : `${Math.round(bps / 1_000)} kbit/s`);
  const route = stats.localCandidateType === null ? 'route –' : `${stats.localCandidateType} (${routeWords(stats)})`;
  return `${rtt} · in ${rate(stats.bitrateInBps)} · out ${rate(stats.bitrateOutBps)} · ${route}`;
}

function routeWords(stats: ConnectionStats): string {
  if (isRelayed(stats)) return CANDIDATE_WORDS.relay;
  return CANDIDATE_WORDS[stats.localCandidateType ?? 'host'];
}
