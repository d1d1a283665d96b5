/**
 * How one member's uplink is shared among the calls it sends on: in a mesh a member uploads
 * its media once per other member, so what each call may send follows the member count.
 */

/** What one call may send, per kind: the fields of `RTCRtpEncodingParameters` peerstage sets. */
export interface CallEncodings {
  readonly audio: { readonly maxBitrate: number; readonly priority: RTCPriorityType; readonly networkPriority: RTCPriorityType };
  readonly video: {
    readonly maxBitrate: number;
    readonly scaleResolutionDownBy: number;
    readonly priority: RTCPriorityType;
    readonly networkPriority: RTCPriorityType;
  };
}

/** Opus at this rate is clear speech and music; audio's share comes off the budget first. */
export const AUDIO_KBPS = 40;
/** Below this a video call shows mush: the floor even when many members split a small budget. */
export const MIN_VIDEO_KBPS = 100;
/** The default uplink budget: what a home connection's upload spares for a call. */
export const DEFAULT_UPLINK_KBPS = 2_000;

/**
 * `maxBitrate` caps an encoder's payload; the budget counts what is sent, RTP headers included.
 * Measured in Chromium (outbound-rtp `headerBytesSent`): Opus's 50 packets a second carry
 * 11.2 kbit/s of headers (28 bytes each, with the header extensions), so audio costs this
 * much on top of its rate.
 */
export const AUDIO_HEADER_KBPS = 12;
/**
 * Video's headers (2.5 % of 1 100-byte packets) and its encoder's overshoot of `maxBitrate`
 * (1.8 % measured on noise at 360 kbit/s): what a video call sends per unit of `maxBitrate`.
 */
export const VIDEO_SENT_PER_RATE = 1.04;

/**
 * Video a call gets this many kbit/s for is sent at 1/`scale` of the source's width and
 * height: the encoder spends fewer bits per pixel than that on a picture too large for it
 * (720p needs over 1.2 Mbit/s; a cube a few hundred pixels wide, far less).
 */
const RESOLUTION_STEPS: readonly (readonly [minKbps: number, scale: number])[] = [
  [1_200, 1],
  [500, 2],
  [200, 3],
  [0, 4],
];

/**
 * What each of `calls` calls may send so that together, headers included, they stay within
 * `uplinkKbps`: audio first ({@link AUDIO_KBPS} and its headers, high priority), the rest
 * split evenly among the video senders (never below {@link MIN_VIDEO_KBPS}), each at a
 * resolution that bitrate can carry.
 *
 * @example
 * ```ts
 * splitUplink(2_000, 4).video; // { maxBitrate: 430_769, scaleResolutionDownBy: 3, … }
 * ```
 */
export function splitUplink(uplinkKbps: number, calls: number): CallEncodings {
  if (!(uplinkKbps > 0)) throw new RangeError(`an uplink budget is a positive number of kbit/s, not ${uplinkKbps}`);
  if (!Number.isInteger(calls) || calls < 1) throw new RangeError(`a budget is split among one or more calls, not ${calls}`);
  const perCallKbps = uplinkKbps / calls;
  const videoKbps = Math.max(MIN_VIDEO_KBPS, (perCallKbps - AUDIO_KBPS - AUDIO_HEADER_KBPS) / VIDEO_SENT_PER_RATE);
  const scale = RESOLUTION_STEPS.find(([minKbps]) => videoKbps >= minKbps)?.[1] ?? 4;
  return {
    audio: { maxBitrate: Math.min(AUDIO_KBPS, perCallKbps) * 1_000, priority: 'high', networkPriority: 'high' },
    video: { maxBitrate: Math.round(videoKbps * 1_000), scaleResolutionDownBy: scale, priority: 'low', networkPriority: 'low' },
  };
}
