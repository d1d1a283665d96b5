/**
 * PeerJS options for browser tests: the PeerServer the test run started (a forked child, see
 * tools/vitestSignalingSetup.ts) and no ICE servers, so no packet leaves the machine.
 */
import type { PeerOptions } from 'peerjs';
import { inject } from 'vitest';

export function testPeerOptions(port: number = inject('signalingPort')): PeerOptions {
  return { host: '127.0.0.1', port, path: '/peerjs', secure: false, config: { iceServers: [] }, debug: 0 };
}
