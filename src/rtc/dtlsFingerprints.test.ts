import { describe, expect, it } from 'vitest';
import { dtlsFingerprints, sdpFingerprint } from './dtlsFingerprints.ts';

const sdp = (fingerprint: string) =>
  `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=fingerprint:${fingerprint}\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n`;

describe('sdpFingerprint', () => {
  it('reads the first fingerprint line, algorithm lower case and hex upper case', () => {
    expect(sdpFingerprint(sdp('SHA-256 ab:CD:0f'))).toBe('sha-256 AB:CD:0F');
    expect(sdpFingerprint(`${sdp('sha-256 AA:BB')}a=fingerprint:sha-256 CC:DD\r\n`)).toBe('sha-256 AA:BB');
  });

  it('is null without one, or for a line that is not a fingerprint', () => {
    expect(sdpFingerprint(undefined)).toBeNull();
    expect(sdpFingerprint('v=0\r\n')).toBeNull();
    expect(sdpFingerprint(sdp('sha-256 <script>'))).toBeNull();
  });
});

describe('dtlsFingerprints', () => {
  it('pairs the local and the remote description’s fingerprints', () => {
    const connection = { localDescription: { sdp: sdp('sha-256 AA:01') }, remoteDescription: { sdp: sdp('sha-256 BB:02') } };
    expect(dtlsFingerprints(connection as Pick<RTCPeerConnection, 'localDescription' | 'remoteDescription'>)).toEqual({
      local: 'sha-256 AA:01',
      remote: 'sha-256 BB:02',
    });
  });

  it('is null until both descriptions are set', () => {
    const half = { localDescription: { sdp: sdp('sha-256 AA:01') }, remoteDescription: null };
    expect(dtlsFingerprints(half as unknown as Pick<RTCPeerConnection, 'localDescription' | 'remoteDescription'>)).toBeNull();
    expect(dtlsFingerprints(undefined)).toBeNull();
  });
});
