/**
 * Simulcast as a member sends it on Janus: how many layers a picture gets, what bitrate each
 * may use, and how a video line tells subscribers its layer count (they must not ask for a
 * layer that is not sent: Janus would wait for it and keep the current one meanwhile).
 */

/**
 * The video layers: full size, half and a quarter, as many as the picture has room for —
 * the ones Chromium sends (it drops the bottom layers of a small picture, and Janus would then
 * wait for a layer that never comes): three from 540 lines, two from 270, else one.
 */
export const SIMULCAST_LAYERS: readonly RTCRtpEncodingParameters[] = [
  { rid: 'h', active: true, scaleResolutionDownBy: 1 },
  { rid: 'm', active: true, scaleResolutionDownBy: 2 },
  { rid: 'l', active: true, scaleResolutionDownBy: 4 },
];
/** The fewest lines a picture has for two layers, and for three. */
const LINES_FOR_LAYERS = [270, 540] as const;

/**
 * The first `count` simulcast layers (one: a plain encoding, no simulcast), their bitrates a
 * share of `uplinkKbps` (audio keeps ~64 kbit/s), halving from each layer to the next as its
 * pixels shrink by four: of three, 4/7, 2/7 and 1/7.
 *
 * @example
 * ```ts
 * layersWithin(2_000, 2); // [{ rid: 'h', maxBitrate: 1_290_667, … }, { rid: 'm', maxBitrate: 645_333, … }]
 * ```
 */
export function layersWithin(uplinkKbps: number, count: number): RTCRtpEncodingParameters[] {
  const layers: RTCRtpEncodingParameters[] = count > 1 ? SIMULCAST_LAYERS.slice(0, count) : [{ active: true }];
  if (!Number.isFinite(uplinkKbps)) return layers.map((layer) => ({ ...layer }));
  const videoBps = Math.max(uplinkKbps - 64, 60) * 1000;
  const weights = layers.map((_, index) => 1 / 2 ** index);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return layers.map((layer, index) => ({ ...layer, maxBitrate: Math.round((videoBps * (weights[index] ?? 0)) / total) }));
}

/**
 * What a video line's description says of its layers (`layers=2`): Janus relays it to the
 * subscribers, who read it with {@link readLayersDescription}.
 *
 * @example
 * ```ts
 * layersDescription(3); // 'layers=3'
 * ```
 */
export function layersDescription(count: number): string {
  return `layers=${Math.max(1, count)}`;
}

/**
 * The layers a video line's description (another member's words) says it sends: 1 to 3, or 1
 * for anything else.
 *
 * @example
 * ```ts
 * readLayersDescription('layers=2'); // 2
 * readLayersDescription('<b>'); // 1
 * ```
 */
export function readLayersDescription(description: unknown): number {
  const match = typeof description === 'string' ? /^layers=([1-3])$/.exec(description) : null;
  return match ? Number(match[1]) : 1;
}

/**
 * How many layers `track`'s picture has room for (see {@link SIMULCAST_LAYERS}).
 *
 * @example
 * ```ts
 * const [track] = createSyntheticStream({ width: 640, height: 480 }).getVideoTracks();
 * if (track) layerCount(track); // 2
 * ```
 */
export function layerCount(track: MediaStreamTrack): number {
  const lines = track.getSettings().height ?? 0;
  return 1 + LINES_FOR_LAYERS.filter((least) => lines >= least).length;
}
