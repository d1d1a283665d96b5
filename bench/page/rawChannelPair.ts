/**
 * Two RTCPeerConnections in one page joined by a negotiated data channel, with no PeerJS and
 * no signaling server: the floor that any layer over WebRTC data channels is measured against.
 */

export interface RawChannelPair {
  readonly local: RTCDataChannel;
  readonly remote: RTCDataChannel;
  close(): void;
}

export async function openRawChannelPair(): Promise<RawChannelPair> {
  const a = new RTCPeerConnection({ iceServers: [] });
  const b = new RTCPeerConnection({ iceServers: [] });
  a.addEventListener('icecandidate', ({ candidate }) => void (candidate && b.addIceCandidate(candidate)));
  b.addEventListener('icecandidate', ({ candidate }) => void (candidate && a.addIceCandidate(candidate)));
  // The same options PeerJS uses for a reliable connection: ordered, no retransmit limit.
  const local = a.createDataChannel('bench', { negotiated: true, id: 0, ordered: true });
  const remote = b.createDataChannel('bench', { negotiated: true, id: 0, ordered: true });
  local.binaryType = remote.binaryType = 'arraybuffer';
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  await Promise.all([local, remote].map((channel) => new Promise((resolve) => channel.addEventListener('open', resolve, { once: true }))));
  return {
    local,
    remote,
    close() {
      a.close();
      b.close();
    },
  };
}
