/**
 * How good a member's connection is, as a person would judge it: from the round trip, the
 * share of packets lost lately, and whether a TURN server relays it.
 */
import { defer, map, type OperatorFunction } from 'rxjs';
import { isRelayed, type ConnectionStats } from './connectionStats.ts';

/** `good`: talk flows. `fair`: delay or loss a person notices. `poor`: talk breaks up. */
export type LinkQualityLevel = 'good' | 'fair' | 'poor';

export interface LinkQuality {
  readonly level: LinkQualityLevel;
  /** Round trip in ms; `null` before ICE measured one. */
  readonly roundTripMs: number | null;
  /** Share of incoming RTP packets lost since the previous sample (0..1); `null` with none to count. */
  readonly lossRatio: number | null;
  /** Whether a TURN server carries the traffic (either end's candidate is `relay`). */
  readonly relayed: boolean;
}

/**
 * Where talk starts to suffer: ITU-T G.114 puts one-way delay past 150 ms (300 ms round trip)
 * as noticeable, and Opus and video conceal a percent or two of loss but not much more.
 */
export const LINK_THRESHOLDS = {
  fair: { roundTripMs: 150, lossRatio: 0.02 },
  poor: { roundTripMs: 400, lossRatio: 0.08 },
} as const;

/**
 * The quality of a connection at `current`, with loss counted since `previous` (all of it
 * when there is no previous sample).
 *
 * @example
 * ```ts
 * declare const stats: ConnectionStats;
 * linkQuality(null, stats); // { level: 'good', roundTripMs: 3, lossRatio: 0, relayed: false }
 * ```
 */
export function linkQuality(previous: ConnectionStats | null, current: ConnectionStats): LinkQuality {
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  // Counters that went back (a new stream replaced an old one) or did not move say nothing.
  const lossRatio = lost < 0 || received < 0 || lost + received === 0 ? null : lost / (lost + received);
  const { roundTripMs } = current;
  const past = (limit: { roundTripMs: number; lossRatio: number }) =>
    (roundTripMs !== null && roundTripMs >= limit.roundTripMs) || (lossRatio !== null && lossRatio >= limit.lossRatio);
  const level: LinkQualityLevel = past(LINK_THRESHOLDS.poor) ? 'poor' : past(LINK_THRESHOLDS.fair) ? 'fair' : 'good';
  return {
    level,
    roundTripMs,
    lossRatio,
    relayed: isRelayed(current),
  };
}

/**
 * Turns a stream of stats samples into the link's quality, loss counted between samples.
 *
 * @example
 * ```ts
 * peer.stats({ intervalMs: 2_000 }).pipe(toLinkQuality()).subscribe(({ level }) => console.log(`${peer.name}: ${level}`));
 * ```
 */
export function toLinkQuality(): OperatorFunction<ConnectionStats, LinkQuality> {
  return (stats$) =>
    defer(() => {
      // Per subscription: each subscriber counts loss from its own first sample.
      let previous: ConnectionStats | null = null;
      return stats$.pipe(
        map((current) => {
          const quality = linkQuality(previous, current);
          previous = current;
          return quality;
        }),
      );
    });
}
