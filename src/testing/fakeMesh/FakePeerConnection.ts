/**
 * The RTCPeerConnection under a fake mesh connection, as far as the room reads it: session
 * descriptions with DTLS fingerprints (dtlsFingerprints.ts; each side's remote description is
 * the other's local one, so both ends agree as over a direct path), the connection and ICE
 * states with their events (KeptConnection.ts, UplinkBudget.ts), and `getStats` telling when
 * the transport last heard the other end (msSinceTransportHeard.ts). No ICE restart is ever
 * needed on it: its path only ever drops by closing.
 */

/** A description as the browser hands it out: the parts dtlsFingerprints reads. */
export interface FakeDescription {
  readonly type: RTCSdpType;
  readonly sdp: string;
}

/** A made-up certificate fingerprint, unique per connection end, in SDP's spelling. */
function randomFingerprint(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

function descriptionWith(type: RTCSdpType, fingerprint: string): FakeDescription {
  return {
    type,
    sdp: `v=0\r\no=- 0 2 IN IP4 127.0.0.1\r\ns=-\r\na=fingerprint:sha-256 ${fingerprint}\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\n`,
  };
}

/** One candidate pair's statistics: what msSinceTransportHeard reads. */
export interface FakeCandidatePairStats {
  readonly id: string;
  readonly type: 'candidate-pair';
  readonly timestamp: number;
  readonly lastPacketReceivedTimestamp: number;
}

export class FakePeerConnection extends EventTarget {
  readonly localDescription: FakeDescription;
  remoteDescription: FakeDescription | null = null;
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';

  constructor(role: 'offer' | 'answer') {
    super();
    this.localDescription = descriptionWith(role, randomFingerprint());
  }

  /** Both ends negotiated: each takes the other's description, and the path is up. */
  static pair(offering: FakePeerConnection, answering: FakePeerConnection): void {
    offering.remoteDescription = answering.localDescription;
    answering.remoteDescription = offering.localDescription;
  }

  connects(): void {
    this.#setStates('connected', 'connected');
  }

  close(): void {
    if (this.connectionState === 'closed') return;
    this.signalingState = 'closed';
    // A closed RTCPeerConnection fires no state events (the browser's rule): only the fields change.
    this.connectionState = 'closed';
    this.iceConnectionState = 'closed';
  }

  /**
   * While connected, the transport heard the other end just now (ICE consent checks run every
   * few seconds whatever the page does); before and after, the browser tells nothing.
   */
  async getStats(): Promise<Map<string, FakeCandidatePairStats>> {
    const report = new Map<string, FakeCandidatePairStats>();
    if (this.connectionState !== 'connected') return report;
    const now = Date.now();
    report.set('pair', { id: 'pair', type: 'candidate-pair', timestamp: now, lastPacketReceivedTimestamp: now });
    return report;
  }

  #setStates(connection: RTCPeerConnectionState, ice: RTCIceConnectionState): void {
    this.iceConnectionState = ice;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
    this.connectionState = connection;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}
