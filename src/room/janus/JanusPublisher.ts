/**
 * What a member sends on Janus: one PeerConnection up to the server, whatever the room's size
 * (the uplink stays flat as the room grows). Video goes up in simulcast layers, so that each
 * subscriber takes the one its view needs (JanusSubscription.showAt).
 */
import type { JanusHandle } from './JanusSession.ts';
import { gatheredDescription } from './gatheredDescription.ts';

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

export interface PublishOptions {
  readonly stream: MediaStream;
  readonly name: string | undefined;
  readonly iceServers: readonly RTCIceServer[];
  /** The most the member uploads, kbit/s (`Infinity`: the browser's own): shared by the layers, the top one taking most. */
  readonly uplinkKbps: number;
}

export class JanusPublisher {
  readonly pc: RTCPeerConnection;

  private constructor(pc: RTCPeerConnection) {
    this.pc = pc;
  }

  /**
   * Publishes `options.stream` on the VideoRoom handle `handle` (which has joined as a
   * publisher). Rejects with Janus's refusal (`room-full` when the room's publishers are all
   * there) after closing what it opened.
   *
   * @example
   * ```ts
   * declare const handle: JanusHandle;
   * const publisher = await JanusPublisher.publish(handle, { stream, name: 'Ada', iceServers: [], uplinkKbps: 2000 });
   * publisher.close();
   * ```
   */
  static async publish(handle: JanusHandle, options: PublishOptions): Promise<JanusPublisher> {
    const pc = new RTCPeerConnection({ iceServers: [...options.iceServers] });
    try {
      for (const track of options.stream.getTracks()) {
        pc.addTransceiver(track, {
          direction: 'sendonly',
          streams: [options.stream],
          ...(track.kind === 'video' ? { sendEncodings: layersWithin(options.uplinkKbps, layerCount(track)) } : {}),
        });
      }
      const offer = await gatheredDescription(pc, await pc.createOffer());
      const answer = await handle.request({ request: 'publish', ...(options.name ? { display: options.name } : {}) }, offer);
      handle.trickleCompleted();
      if (!answer.jsep) throw new Error('Janus answered the publish without an SDP');
      await pc.setRemoteDescription(answer.jsep);
      return new JanusPublisher(pc);
    } catch (error) {
      pc.close();
      throw error;
    }
  }

  /**
   * Sends `track` in place of the one of its kind; `false` when nothing of that kind is sent.
   *
   * @example
   * ```ts
   * declare const publisher: JanusPublisher;
   * publisher.replaceTrack(screen.getVideoTracks()[0]);
   * ```
   */
  replaceTrack(track: MediaStreamTrack): boolean {
    const sender = this.pc.getSenders().find((candidate) => candidate.track?.kind === track.kind);
    if (!sender) return false;
    void sender.replaceTrack(track).catch(() => undefined);
    return true;
  }

  /** Closes the connection; the server tells the others this member's media is gone. Idempotent. */
  close(): void {
    this.pc.close();
  }
}

/**
 * The first `count` simulcast layers, their bitrates a share of `uplinkKbps` (audio keeps ~64
 * kbit/s), halving from each layer to the next as its pixels shrink by four: 4/7, 2/7, 1/7.
 */
function layersWithin(uplinkKbps: number, count: number): RTCRtpEncodingParameters[] {
  const layers = SIMULCAST_LAYERS.slice(0, count);
  if (!Number.isFinite(uplinkKbps)) return layers.map((layer) => ({ ...layer }));
  const videoBps = Math.max(uplinkKbps - 64, 60) * 1000;
  const weights = layers.map((_, index) => 4 / 2 ** (index * 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return layers.map((layer, index) => ({ ...layer, maxBitrate: Math.round((videoBps * (weights[index] ?? 0)) / total) }));
}

/** How many layers `track`'s picture has room for (see {@link SIMULCAST_LAYERS}). */
function layerCount(track: MediaStreamTrack): number {
  const lines = track.getSettings().height ?? 0;
  return 1 + LINES_FOR_LAYERS.filter((least) => lines >= least).length;
}
