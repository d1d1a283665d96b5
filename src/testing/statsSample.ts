/**
 * A `ConnectionStats` sample for unit tests: a clean, direct, idle link unless told otherwise.
 */
import type { ConnectionStats } from '../rtc/connectionStats.ts';

/**
 * @example
 * ```ts
 * linkQuality(null, statsSample({ roundTripMs: 450 })).level; // 'poor'
 * ```
 */
export const statsSample = (overrides: Partial<ConnectionStats> = {}): ConnectionStats => ({
  at: 0,
  roundTripMs: 3,
  bitrateInBps: null,
  bitrateOutBps: null,
  bytesReceived: 0,
  bytesSent: 0,
  packetsLost: 0,
  packetsReceived: 0,
  localCandidateType: 'host',
  remoteCandidateType: 'host',
  ...overrides,
});
