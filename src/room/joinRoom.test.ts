import { describe, expect, it } from 'vitest';
import { joinRoom } from './joinRoom.ts';

describe('joinRoom', () => {
  it('throws a TypeError for an iceTransportPolicy RTCPeerConnection would refuse, before anything starts', () => {
    expect(() => joinRoom('jam', { iceTransportPolicy: 'relay-only' as RTCIceTransportPolicy })).toThrow(
      /iceTransportPolicy must be 'all' or 'relay' \(got "relay-only"\)/,
    );
  });
});
