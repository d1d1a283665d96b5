/**
 * How one member of a room sounds at one moment, as `roomLevels` reports it.
 */

/**
 * A member's level and whether they are speaking.
 *
 * Like `AudioFrame`, these objects (and the map `roomLevels` emits) are updated in place and
 * handed out again, so that a room's levels allocate nothing per frame: read them when they
 * arrive, and copy what you keep (`{ ...audio }`).
 */
export interface MemberAudio {
  /** RMS level of the member's latest analysed window in dBFS; `-Infinity` with no sound. */
  readonly levelDb: number;
  /** Whether the member is speaking, with hysteresis (see `speaking`). */
  readonly speaking: boolean;
}
