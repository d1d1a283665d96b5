import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAKE_SIGNALING, FakeMesh, stockPeerServerFetch } from '../testing/fakeMesh.ts';
import { virtualTime, type VirtualTime } from '../testing/fakeMesh/virtualTime.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { joinRoom } from './joinRoom.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from './protocol.ts';
import type { Room, RoomMessage } from './Room.ts';
import type { RoomError } from './RoomError.ts';
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

/** A member joined on the fake mesh, with what its room has said so far. */
interface Member {
  readonly room: Room;
  /** The names on its roster now. */
  roster(): string[];
  readonly messages: RoomMessage[];
  readonly errors: RoomError[];
}

describe('RoomController on a fake mesh', () => {
  let mesh: FakeMesh;
  let time: VirtualTime;
  const members: Member[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    // A stock PeerServer keeps no room directory: the room meets at its rendezvous ID.
    vi.stubGlobal('fetch', stockPeerServerFetch);
    mesh = new FakeMesh();
    time = virtualTime();
  });

  afterEach(() => {
    for (const member of members.splice(0)) member.room.leave();
    time.dispose();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** `name` joins room `jam` on the mesh (its Peers are made by its own factory). */
  function join(name: string, options: JoinOptions = {}, roomId = 'jam'): Member {
    const room = joinRoom(roomId, { name, signaling: FAKE_SIGNALING, iceServers: [], createPeer: mesh.peerFactory(name), ...options });
    let names: string[] = [];
    const member: Member = { room, roster: () => names, messages: [], errors: [] };
    room.peers$.subscribe((peers) => (names = peers.map((peer) => peer.name ?? peer.id).sort()));
    room.messages$.subscribe((message) => member.messages.push(message));
    room.errors$.subscribe((error) => member.errors.push(error));
    members.push(member);
    return member;
  }

  it('lists two members to each other, and carries a message between them', async () => {
    const ada = join('ada');
    const bob = join('bob');
    await time.advance(2_000);
    expect(ada.roster()).toEqual(['bob']);
    expect(bob.roster()).toEqual(['ada']);

    ada.room.send({ text: 'hello' });
    await time.advance(10);
    expect(bob.messages.map(({ from, data }) => ({ from, data }))).toEqual([{ from: mesh.peersOf('ada')[0]?.id, data: { text: 'hello' } }]);
    expect(ada.messages).toEqual([]);
  });

  it('lists three members joining at once to one another', async () => {
    const joined = ['ada', 'bob', 'cyd'].map((name) => join(name));
    await time.advance(3_000);
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
    await time.advance(3_000);
    expect(ada.roster()).toEqual(['bob', 'cyd']);

    bob.room.leave();
    // Its bye and hang-up take the mesh's latency (1 ms): far less than any silence the room waits
    // out. (This does not tell the bye from the hang-up: both end the link at once.)
    await time.advance(10);
    expect(ada.roster()).toEqual(['cyd']);
    expect(cyd.roster()).toEqual(['ada']);
  });

  // On a stock PeerServer a passphrase room meets at an ID derived from its key: a member with
  // another passphrase never finds it, and is alone in a room of its own, told nothing.
  it('keeps a member with the wrong passphrase apart, while one with the right one gets in', async () => {
    const ada = join('ada', { passphrase: 'open sesame' });
    const eve = join('eve', { passphrase: 'guess' });
    const bob = join('bob', { passphrase: 'open sesame' });
    await time.advance(3_000);
    expect(ada.roster()).toEqual(['bob']);
    expect(bob.roster()).toEqual(['ada']);
    expect(eve.roster()).toEqual([]);
    expect(eve.errors).toEqual([]);
  });
});
