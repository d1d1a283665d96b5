import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeRoom } from '../../testing/fakeRoom.ts';

describe('rooms: the directory handed over (a stock PeerServer)', () => {
  let world: FakeRoom;
  beforeEach(() => (world = new FakeRoom()));
  afterEach(() => world.dispose());

  // Pins the handover: on a stock PeerServer the room meets at a rendezvous ID one member
  // holds; when it leaves, another takes the desk at once, or every later newcomer would find
  // an empty room of its own.
  it('passes the desk to another member when its holder leaves, and a later newcomer finds everyone', async () => {
    const ada = world.join('ada');
    const bob = world.join('bob');
    const cyd = world.join('cyd');
    await world.time.advance(1_000);
    expect(world.directoryHolders()).toEqual(['ada']);

    ada.room.leave();
    await world.time.advance(50);
    expect(bob.roster()).toEqual(['cyd']);
    expect(cyd.roster()).toEqual(['bob']);
    // Exactly one of those left holds it.
    expect(world.directoryHolders()).toHaveLength(1);
    expect(['bob', 'cyd']).toContain(world.directoryHolders()[0]);

    const dee = world.join('dee');
    await world.time.advance(2_000);
    expect(dee.roster()).toEqual(['bob', 'cyd']);
    expect(bob.roster()).toEqual(['cyd', 'dee']);
    expect(cyd.roster()).toEqual(['bob', 'dee']);
    expect(world.openConnections('dee', 'bob') + world.openConnections('dee', 'cyd')).toBe(2);
    for (const member of [bob, cyd, dee]) expect(member.errors).toEqual([]);
  });

  // The same, handed over twice: the desk is a role any member can take, again and again.
  it('passes the desk on again when the second holder leaves too', async () => {
    const members = ['ada', 'bob', 'cyd'].map((name) => world.join(name));
    await world.time.advance(1_000);
    for (const _ of [1, 2]) {
      const holder = members.find((member) => member.name === world.directoryHolders()[0]);
      holder?.room.leave();
      await world.time.advance(50);
    }
    const [last] = members.filter((member) => !member.ended());
    expect(last && world.directoryHolders()).toEqual([last?.name]);
    const dee = world.join('dee');
    await world.time.advance(2_000);
    expect(dee.roster()).toEqual([last?.name]);
  });
});
