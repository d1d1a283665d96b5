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

/** A picture's size in pixels: the size a receiver shows a member's video at, or a source's. */
export interface VideoSize {
  readonly width: number;
  readonly height: number;
}

/** One call as the split sees it: how large its receiver shows the video, and the source's size. */
export interface CallView {
  /** The receiver shows the video at most this large (device pixels); `null`: at any size. */
  readonly view: VideoSize | null;
  /** The size of the video track the call sends, when known. */
  readonly source?: VideoSize;
}

/** Larger than any screen: views are capped here (and refused beyond it on the wire). */
export const MAX_VIEW_PIXELS = 16_384;

/**
 * A view as it is told: whole pixels, rounded up, at most {@link MAX_VIEW_PIXELS}.
 * Throws a `RangeError` for a size below 1 x 1 or not a number.
 *
 * @example
 * ```ts
 * checkedViewSize({ width: 319.2, height: 240 }); // { width: 320, height: 240 }
 * ```
 */
export function checkedViewSize(size: VideoSize): VideoSize {
  const { width, height } = size;
  if (!(width >= 1 && height >= 1)) throw new RangeError(`a view is at least 1 x 1 pixels, not ${width} x ${height}`);
  return { width: Math.min(MAX_VIEW_PIXELS, Math.ceil(width)), height: Math.min(MAX_VIEW_PIXELS, Math.ceil(height)) };
}

/** 720p at the first resolution step's rate: what a view needs, pro rata to its pixels. */
const KBPS_PER_PIXEL = 1_200 / (1_280 * 720);

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
  if (!Number.isInteger(calls) || calls < 1) throw new RangeError(`a budget is split among one or more calls, not ${calls}`);
  return shareUplink(
    uplinkKbps,
    Array.from({ length: calls }, () => ({ view: null })),
  )[0] as CallEncodings;
}

/**
 * Like {@link splitUplink}, with what each receiver shows: a call whose receiver shows the
 * video small is sent a picture no larger than that view (never upscaled) and the rate its
 * pixels need (720p's 1 200 kbit/s, pro rata; never below {@link MIN_VIDEO_KBPS}); what it
 * does not need goes to the other calls, shared evenly as water fills vessels.
 *
 * @example
 * ```ts
 * // Two calls from a 640x480 camera; the first receiver shows it at 160x120.
 * const [small, large] = shareUplink(2_000, [
 *   { view: { width: 160, height: 120 }, source: { width: 640, height: 480 } },
 *   { view: null, source: { width: 640, height: 480 } },
 * ]);
 * small?.video.scaleResolutionDownBy; // 4
 * large?.video.maxBitrate; // more than small's: what the small view does not need
 * ```
 */
export function shareUplink(uplinkKbps: number, calls: readonly CallView[]): CallEncodings[] {
  if (!(uplinkKbps > 0)) throw new RangeError(`an uplink budget is a positive number of kbit/s, not ${uplinkKbps}`);
  if (calls.length === 0) throw new RangeError('a budget is split among one or more calls, not 0');
  for (const { view } of calls) {
    if (view && !(view.width >= 1 && view.height >= 1 && Number.isFinite(view.width * view.height))) {
      throw new RangeError(`a view is at least 1 x 1 pixels, not ${view.width} x ${view.height}`);
    }
  }
  const perCallKbps = uplinkKbps / calls.length;
  // What video may send in all, headers included: the budget less audio and its headers.
  let videoPoolKbps = uplinkKbps - calls.length * (AUDIO_KBPS + AUDIO_HEADER_KBPS);
  const needs = calls.map(({ view }) =>
    view ? Math.max(MIN_VIDEO_KBPS, view.width * view.height * KBPS_PER_PIXEL) : Number.POSITIVE_INFINITY,
  );
  const videoKbps = new Array<number>(calls.length);
  const needMet = new Array<boolean>(calls.length);
  // Smallest needs first: each call takes its need or an even part of what is left.
  const byNeed = needs.map((_, index) => index).sort((a, b) => (needs[a] as number) - (needs[b] as number));
  byNeed.forEach((index, order) => {
    const needKbps = (needs[index] as number) * VIDEO_SENT_PER_RATE;
    const evenKbps = videoPoolKbps / (calls.length - order);
    const sentKbps = Math.min(needKbps, evenKbps);
    videoPoolKbps -= Math.max(0, sentKbps);
    videoKbps[index] = Math.max(MIN_VIDEO_KBPS, sentKbps / VIDEO_SENT_PER_RATE);
    needMet[index] = needKbps <= evenKbps;
  });
  return calls.map((call, index) => {
    const kbps = videoKbps[index] as number;
    const viewScale = scaleToView(call);
    // A call given all its view needs sends the view's size; one given less, what its rate carries.
    const scale = needMet[index] ? viewScale : Math.max(viewScale, scaleForKbps(kbps));
    return {
      audio: { maxBitrate: Math.min(AUDIO_KBPS, perCallKbps) * 1_000, priority: 'high', networkPriority: 'high' },
      video: { maxBitrate: Math.round(kbps * 1_000), scaleResolutionDownBy: scale, priority: 'low', networkPriority: 'low' },
    };
  });
}

function scaleForKbps(videoKbps: number): number {
  return RESOLUTION_STEPS.find(([minKbps]) => videoKbps >= minKbps)?.[1] ?? 4;
}

/**
 * The scale-down that still fills the view in both directions (a cube's face stretches the
 * picture to fit): 1 when the view or the source is unknown, or the view is larger.
 */
function scaleToView({ view, source }: CallView): number {
  if (!view || !source || !(source.width > 0 && source.height > 0)) return 1;
  return Math.max(1, Math.min(source.width / view.width, source.height / view.height));
}
