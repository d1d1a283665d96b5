import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeRoom } from '../../testing/fakeRoom.ts';

const NAMES = ['ada', 'bob', 'cyd', 'dee', 'eli', 'fay'];

describe('rooms: members joining at the same moment', () => {
  let world: FakeRoom;
  beforeEach(() => (world = new FakeRoom()));
  afterEach(() => world.dispose());

  // Pins: everyone who joins at once meets everyone, over exactly one link per pair. A room that
  // loses a pair (a newcomer nobody lists) or doubles one (both ends dial) shows people half a room.
  it('brings six members joining at once together, each pair over one link, each roster without repeats', async () => {
    const members = NAMES.map((name) => world.join(name));
    await world.time.advance(2_000);

    for (const member of members) expect(member.roster()).toEqual(NAMES.filter((name) => name !== member.name));
    for (const [index, name] of NAMES.entries())
      for (const other of NAMES.slice(index + 1)) expect(world.openConnections(name, other), `${name}–${other}`).toBe(1);
    // The roster only ever grew, one member at a time, and never named anyone twice.
    for (const member of members) {
      expect(member.rosters.map((roster) => roster.length)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const roster of member.rosters) expect(new Set(roster).size).toBe(roster.length);
    }
    for (const member of members) expect(member.errors).toEqual([]);
  });

  it('carries one message from each of the six to each other one, once', async () => {
    const members = NAMES.map((name) => world.join(name));
    await world.time.advance(2_000);
    for (const member of members) member.room.send({ from: member.name });
    await world.time.advance(10);
    for (const member of members)
      expect(member.messages.map(({ data }) => (data as { from: string }).from).sort()).toEqual(
        NAMES.filter((name) => name !== member.name),
      );
  });
});
