import { NEVER, of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { joinRoom } from './joinRoom.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from './protocol.ts';
import type { Room } from './Room.ts';
import type { RoomTransport } from './RoomTransport.ts';

/** A transport that serves a room of nobody, and records whom it was asked to join. */
function recordingTransport() {
  const room: Room = {
    self$: NEVER,
    peers$: of([]),
    messages$: NEVER,
    errors$: NEVER,
    uplinkKbps$: of(Number.POSITIVE_INFINITY),
    send: () => undefined,
    replaceTrack: () => undefined,
    leave: () => undefined,
  };
  const transport: RoomTransport = { name: 'recording', join: vi.fn(() => room) };
  return { transport, room };
}

describe('joinRoom', () => {
  it('throws a TypeError for an iceTransportPolicy RTCPeerConnection would refuse, before anything starts', () => {
    expect(() => joinRoom('jam', { iceTransportPolicy: 'relay-only' as RTCIceTransportPolicy })).toThrow(
      /iceTransportPolicy must be 'all' or 'relay' \(got "relay-only"\)/,
    );
  });

  it('hands the join to the transport in its options, and returns that room', () => {
    const { transport, room } = recordingTransport();
    const options = { name: 'Ada', transport };
    expect(joinRoom('jam', options)).toBe(room);
    expect(transport.join).toHaveBeenCalledWith('jam', options);
  });

  // What every room needs is checked once, whatever serves it: a transport never sees a bad argument.
  it('refuses bad arguments before any transport is asked', () => {
    const { transport } = recordingTransport();
    expect(() => joinRoom('', { transport })).toThrow(TypeError);
    expect(() => joinRoom('\uD800', { transport })).toThrow(TypeError);
    expect(() => joinRoom('r'.repeat(MAX_ROOM_ID_LENGTH + 1), { transport })).toThrow(RangeError);
    expect(() => joinRoom('jam', { name: 'n'.repeat(MAX_NAME_LENGTH + 1), transport })).toThrow(RangeError);
    expect(transport.join).not.toHaveBeenCalled();
  });
});
