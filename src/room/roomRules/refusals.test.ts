import { afterEach, describe, expect, it } from 'vitest';
import { meshRoomDirectory, roomDirectoryFetch } from '../../testing/fakeMesh/roomDirectoryFetch.ts';
import { FakeRoom, type FakeRoomOptions, type Member } from '../../testing/fakeRoom.ts';

const SERVERS: { server: string; options: FakeRoomOptions }[] = [
  { server: 'a stock PeerServer', options: {} },
  { server: "the server's room directory", options: { fetch: (mesh) => roomDirectoryFetch(meshRoomDirectory(mesh)) } },
];

const reasons = (member: Member) => member.errors.map((error) => error.reason);

describe('rooms: refusals', () => {
  let world: FakeRoom;
  afterEach(() => world.dispose());

  // Pins maxMembers: the one too many is told why, typed (room-full), and its room ends; those
  // inside never list it and carry on. A room that let it in would overload every member's uplink.
  it.each(SERVERS)('refuses the one too many in a full room with room-full, and the room goes on ($server)', async ({ options }) => {
    world = new FakeRoom(options);
    const inside = ['ada', 'bob', 'cyd'].map((name) => world.join(name, { maxMembers: 3 }));
    await world.time.advance(1_000);
    const dee = world.join('dee', { maxMembers: 3 });
    await world.time.advance(3_000);

    expect(reasons(dee).at(-1)).toBe('room-full');
    expect(new Set(reasons(dee))).toEqual(new Set(['room-full']));
    expect(dee.ended()).toBe(true);
    expect(dee.roster()).toEqual([]);
    for (const member of inside) {
      expect(member.rosters.flat()).not.toContain('dee');
      expect(member.errors).toEqual([]);
      expect(member.ended()).toBe(false);
    }
    const [ada, bob, cyd] = inside as [Member, Member, Member];
    ada.room.send('still here');
    await world.time.advance(10);
    expect([bob.messages.length, cyd.messages.length]).toEqual([1, 1]);
    // The room ended for dee: nothing of it is left on the mesh.
    expect(world.mesh.peersOf('dee').every((peer) => peer.destroyed)).toBe(true);
  });

  // Pins the stock PeerServer's passphrase rule (as RoomController.test.ts does) with what
  // else shows: the room meets at an ID derived from the key, so a member with another
  // passphrase finds a room of its own (joined, alone, told nothing), never a connection to
  // those inside, and they never list it nor hear of it.
  it('keeps a member with another passphrase in a room of its own, unseen by the others (a stock PeerServer)', async () => {
    world = new FakeRoom();
    const ada = world.join('ada', { passphrase: 'open sesame' });
    const eve = world.join('eve', { passphrase: 'guess' });
    const bob = world.join('bob', { passphrase: 'open sesame' });
    await world.time.advance(3_000);

    expect(eve.id()).toBeDefined();
    expect(eve.rosters).toEqual([[]]);
    expect(eve.errors).toEqual([]);
    expect(eve.ended()).toBe(false);
    for (const member of [ada, bob]) {
      expect(member.rosters.flat()).not.toContain('eve');
      expect(member.errors).toEqual([]);
    }
    expect(world.openConnections('eve', 'ada') + world.openConnections('eve', 'bob')).toBe(0);
    expect(world.mesh.peersOf('eve').flatMap((peer) => peer.dials)).toEqual([]);
    expect(world.directoryHolders().sort()).toEqual(['ada', 'eve']);
  });

  // Pins the directory's hint: the server groups members by a lock derived from the
  // passphrase, so one alone under its lock while others are in the room is told so, typed —
  // and still joins (nobody proved anything), alone.
  it("tells a member with another passphrase it is alone under it (the server's room directory)", async () => {
    world = new FakeRoom(SERVERS[1]?.options);
    const ada = world.join('ada', { passphrase: 'open sesame' });
    const bob = world.join('bob', { passphrase: 'open sesame' });
    await world.time.advance(1_000);
    const eve = world.join('eve', { passphrase: 'guess' });
    await world.time.advance(3_000);

    expect(reasons(eve)).toEqual(['wrong-passphrase']);
    expect(eve.id()).toBeDefined();
    expect(eve.rosters).toEqual([[]]);
    expect(eve.ended()).toBe(false);
    for (const member of [ada, bob]) {
      expect(member.rosters.flat()).not.toContain('eve');
      expect(member.errors).toEqual([]);
    }
  });
});
