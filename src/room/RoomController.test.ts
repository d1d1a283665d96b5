import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from './protocol.ts';
import { RoomController } from './RoomController.ts';

describe('RoomController arguments', () => {
  // What every link's handshake would refuse later is refused at once, before any Peer exists.
  it('refuses a room name or a member name longer than the protocol carries', () => {
    expect(() => new RoomController('r'.repeat(MAX_ROOM_ID_LENGTH + 1), {})).toThrow(RangeError);
    expect(() => new RoomController('jam', { name: 'n'.repeat(MAX_NAME_LENGTH + 1) })).toThrow(RangeError);
    expect(() => new RoomController('r'.repeat(MAX_ROOM_ID_LENGTH), { name: 'n'.repeat(MAX_NAME_LENGTH) })).not.toThrow();
  });

  it('refuses an empty or ill-formed room name', () => {
    expect(() => new RoomController('', {})).toThrow(TypeError);
    expect(() => new RoomController('\uD800', {})).toThrow(TypeError);
  });
});
