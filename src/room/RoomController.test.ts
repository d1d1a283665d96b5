import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeRoom } from '../testing/fakeRoom.ts';
import type { JoinOptions } from './JoinOptions.ts';
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

describe('RoomController on a fake mesh', () => {
  let world: FakeRoom;
  beforeEach(() => {
    // A stock PeerServer keeps no room directory: the room meets at its rendezvous ID.
    world = new FakeRoom();
  });
  afterEach(() => world.dispose());

  const join = (name: string, options?: JoinOptions) => world.join(name, options);

  it('lists two members to each other, and carries a message between them', async () => {
    const ada = join('ada');
    const bob = join('bob');
    await world.time.advance(2_000);
    expect(ada.roster()).toEqual(['bob']);
    expect(bob.roster()).toEqual(['ada']);

    ada.room.send({ text: 'hello' });
    await world.time.advance(10);
    expect(bob.messages.map(({ from, data }) => ({ from, data }))).toEqual([
      { from: world.mesh.peersOf('ada')[0]?.id, data: { text: 'hello' } },
    ]);
    expect(ada.messages).toEqual([]);
  });

  it('lists three members joining at once to one another', async () => {
    const joined = ['ada', 'bob', 'cyd'].map((name) => join(name));
    await world.time.advance(3_000);
    expect(joined.map((member) => member.roster())).toEqual([
      ['bob', 'cyd'],
      ['ada', 'cyd'],
      ['ada', 'bob'],
    ]);
  });

  it("drops a member who leaves from the others' rosters at once", async () => {
    const ada = join('ada');
    const bob = join('bob');
    const cyd = join('cyd');
    await world.time.advance(3_000);
    expect(ada.roster()).toEqual(['bob', 'cyd']);

    bob.room.leave();
    // Its bye and hang-up take the mesh's latency (1 ms): far less than any silence the room waits
    // out. (This does not tell the bye from the hang-up: both end the link at once.)
    await world.time.advance(10);
    expect(ada.roster()).toEqual(['cyd']);
    expect(cyd.roster()).toEqual(['ada']);
  });

  // On a stock PeerServer a passphrase room meets at an ID derived from its key: a member with
  // another passphrase never finds it, and is alone in a room of its own, told nothing.
  it('keeps a member with the wrong passphrase apart, while one with the right one gets in', async () => {
    const ada = join('ada', { passphrase: 'open sesame' });
    const eve = join('eve', { passphrase: 'guess' });
    const bob = join('bob', { passphrase: 'open sesame' });
    await world.time.advance(3_000);
    expect(ada.roster()).toEqual(['bob']);
    expect(bob.roster()).toEqual(['ada']);
    expect(eve.roster()).toEqual([]);
    expect(eve.errors).toEqual([]);
  });
});
