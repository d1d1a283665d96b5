/**
 * PeerJS options for browser tests: the PeerServer the test run started (a forked child, see
 * tools/vitestSignalingSetup.ts) and no ICE servers, so no packet leaves the machine.
 */
import type { PeerOptions } from 'peerjs';
import { inject } from 'vitest';
import type { PeerSessionOptions } from '../rtc/PeerSession.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';

export function testPeerOptions(port: number = inject('signalingPort')): PeerOptions {
  return { host: '127.0.0.1', port, path: '/peerjs', secure: false, config: { iceServers: [] }, debug: 0 };
}

/**
 * Peer session options for browser tests: the run's PeerServer (or the one on `port`), no ICE
 * servers, and quick retries so that a signaling restart is seen within a test's time.
 */
export function testSessionOptions(port: number = inject('signalingPort')): PeerSessionOptions {
  return {
    signaling: { host: '127.0.0.1', port, path: '/peerjs' },
    iceServers: [],
    reconnect: backoffPolicy({ initialDelayMs: 100, maxDelayMs: 500 }),
  };
}
