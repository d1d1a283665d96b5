/**
 * What a member sends on Janus: one PeerConnection up to the server, whatever the room's size
 * (the uplink stays flat as the room grows). Video goes up in simulcast layers, so that each
 * subscriber takes the one its view needs (JanusSubscription.showAt).
 */
import type { JanusHandle } from './JanusSession.ts';
import { gatheredDescription } from './gatheredDescription.ts';
import { layerCount, layersDescription, layersWithin } from './simulcastLayers.ts';

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
   * import type { JanusHandle } from './JanusSession.ts';
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
      // Each video line says how many layers it sends, for subscribers to ask for no layer that is not there.
      const descriptions = pc
        .getTransceivers()
        .filter((transceiver) => transceiver.sender.track?.kind === 'video' && transceiver.mid !== null)
        .map((transceiver) => ({
          mid: transceiver.mid,
          description: layersDescription(transceiver.sender.getParameters().encodings.length),
        }));
      const answer = await handle.request({ request: 'publish', descriptions, ...(options.name ? { display: options.name } : {}) }, offer);
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
   * declare const screenTrack: MediaStreamTrack;
   * publisher.replaceTrack(screenTrack);
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
