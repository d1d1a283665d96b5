/**
 * Half-trickle, as the transport speaks to Janus: each offer or answer goes with every
 * candidate in its SDP, then `trickle { completed: true }` (docs/janus-notes.md). One round
 * trip, and no candidate can arrive at a handle before its description.
 */
import type { JanusJsep } from './JanusSession.ts';

/** Longest wait for gathering: with a TURN server that does not answer, send the candidates there are. */
export const MAX_GATHERING_MS = 5_000;

/**
 * Sets `description` as `pc`'s local description, waits until its candidates are gathered
 * (at most {@link MAX_GATHERING_MS}) and resolves with the SDP to send.
 *
 * @example
 * ```ts
 * const pc = new RTCPeerConnection({ iceServers: [] });
 * pc.addTransceiver('audio', { direction: 'sendonly' });
 * const offer = await gatheredDescription(pc, await pc.createOffer());
 * ```
 */
export async function gatheredDescription(pc: RTCPeerConnection, description: RTCSessionDescriptionInit): Promise<JanusJsep> {
  await pc.setLocalDescription(description);
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete' || pc.signalingState === 'closed') done();
    };
    const timer = setTimeout(done, MAX_GATHERING_MS);
    pc.addEventListener('icegatheringstatechange', check);
    check();
  });
  const local = pc.localDescription;
  if (!local || (local.type !== 'offer' && local.type !== 'answer'))
    throw new Error('the connection closed before its description was set');
  return { type: local.type, sdp: local.sdp };
}
