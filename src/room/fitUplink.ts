/**
 * An uplink budget that fits the link: the budget a member sets (`JoinOptions.uplinkKbps`)
 * is what it may send at most, but a link narrower than that is better served by splitting
 * what the link carries (splitUplink.ts then sends each call smaller pictures at a steady
 * frame rate) than by letting each call's congestion control squeeze a picture sized for more.
 *
 * The link's width is read from the browser's congestion control: the sum over the member's
 * calls of what each estimates it can send (`availableOutgoingBitrate`). An estimate below the
 * budget means a narrow link only once it has stopped growing (every connection starts low and
 * ramps up; cutting the budget to a rising estimate would hold it low for good). An estimate
 * that reaches the budget means the link may carry more: the budget grows back, a step at a
 * time, up to what the member set.
 */
import { AUDIO_KBPS, MIN_VIDEO_KBPS } from './splitUplink.ts';

/** How much of an estimate a fitted budget spends: the rest is headroom for its swings. */
export const FIT_SHARE = 0.9;
/** How much a fitted budget grows per sample while the link carries all of it. */
export const FIT_GROWTH = 1.15;
/** An estimate within this factor of the last one has stopped growing. */
const SETTLED = 1.02;

export interface UplinkFit {
  /** What the member set: the budget never goes above it. */
  readonly configuredKbps: number;
  /** The budget in force now. */
  readonly effectiveKbps: number;
  /** The calls sharing it: the budget never goes below each one's audio and least video. */
  readonly calls: number;
}

/**
 * The budget to use next, from the one in force and the link's estimate now and at the last
 * sample (kbit/s; the sum over the calls).
 *
 * @example
 * ```ts
 * fitUplink({ configuredKbps: 2_000, effectiveKbps: 2_000, calls: 5 }, 1_000, 1_010); // 900
 * fitUplink({ configuredKbps: 2_000, effectiveKbps: 900, calls: 5 }, 1_000, 990); // 1035
 * ```
 */
export function fitUplink(fit: UplinkFit, estimateKbps: number, previousEstimateKbps: number | undefined): number {
  const { configuredKbps, effectiveKbps, calls } = fit;
  const floorKbps = Math.min(configuredKbps, calls * (AUDIO_KBPS + MIN_VIDEO_KBPS));
  const within = (value: number) => Math.max(floorKbps, Math.min(configuredKbps, Math.round(value)));
  const settled = previousEstimateKbps !== undefined && estimateKbps <= previousEstimateKbps * SETTLED;
  if (settled && estimateKbps < FIT_SHARE * effectiveKbps) return within(FIT_SHARE * estimateKbps);
  // Near all of it carried: the link may carry more.
  if (estimateKbps >= (FIT_SHARE + 0.05) * effectiveKbps) return within(effectiveKbps * FIT_GROWTH);
  return within(effectiveKbps);
}
