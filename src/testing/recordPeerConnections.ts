/**
 * Records every RTCPeerConnection made from now on (PeerJS makes them with the global
 * constructor), so a test can check which are still open. Install it before anything
 * creates one; `restore()` puts the browser's constructor back.
 */
export interface PeerConnectionRecord {
  readonly made: readonly RTCPeerConnection[];
  restore(): void;
}

export function recordPeerConnections(): PeerConnectionRecord {
  const made: RTCPeerConnection[] = [];
  const Original = globalThis.RTCPeerConnection;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      made.push(this);
    }
  };
  return { made, restore: () => (globalThis.RTCPeerConnection = Original) };
}
