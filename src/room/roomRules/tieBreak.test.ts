import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryListing } from '../../room/roomDirectoryWire.ts';
import { roomDirectoryFetch } from '../../testing/fakeMesh/roomDirectoryFetch.ts';
import { FakeRoom } from '../../testing/fakeRoom.ts';

/**
 * A room directory that waits until `count` members have asked, then lists each of them all
 * the others, in `order` of their IDs, within one millisecond: everyone dials everyone at the same moment.
 */
function listsAllAtOnce(count: number, order: 'lower first' | 'higher first') {
  const asking: { id: string; answer: (listing: DirectoryListing) => void }[] = [];
  return roomDirectoryFetch(
    ({ id }) =>
      new Promise<DirectoryListing>((answer) => {
        asking.push({ id, answer });
        if (asking.length < count) return;
        const ordered = [...asking].sort((a, b) => (a.id < b.id ? -1 : 1));
        if (order === 'higher first') ordered.reverse();
        // One after the other within the same millisecond: the first answered dials first.
        for (const { id: asker, answer: answerIt } of ordered)
          setTimeout(() => answerIt({ members: asking.filter((other) => other.id !== asker).map((other) => other.id), others: 0 }), 0);
      }),
  );
}

describe('rooms: two members who dial each other at the same moment', () => {
  let world: FakeRoom;
  afterEach(() => world.dispose());

  // Pins pairing.ts: of two links between one pair, both ends keep the one dialed by the lower
  // ID, whichever dial came first. Two ends that chose differently would close both links.
  // The mesh hands out IDs in join order: `first` has the lower ID.
  it.each([
    { first: 'ada', second: 'bob', order: 'lower first' },
    { first: 'ada', second: 'bob', order: 'higher first' },
    { first: 'bob', second: 'ada', order: 'lower first' },
    { first: 'bob', second: 'ada', order: 'higher first' },
  ] as const)(
    'keeps the link $first (the lower ID) dialed, with $first joining first and the $order to dial',
    async ({ first, second, order }) => {
      world = new FakeRoom({ fetch: () => listsAllAtOnce(2, order) });
      const lower = world.join(first);
      const higher = world.join(second);
      await world.time.advance(2_000);
      expect(lower.id()).toBe('peer-0001');
      expect(higher.id()).toBe('peer-0002');
      // Both dialed.
      expect(world.mesh.peersOf(first)[0]?.dials).toHaveLength(1);
      expect(world.mesh.peersOf(second)[0]?.dials).toHaveLength(1);

      expect(world.dialers(first, second)).toEqual([first]);
      // Each roster named the other once, and never dropped it.
      expect(lower.rosters).toEqual([[], [second]]);
      expect(higher.rosters).toEqual([[], [first]]);
      expect([...lower.errors, ...higher.errors]).toEqual([]);

      lower.room.send('over the one link');
      higher.room.send('and back');
      await world.time.advance(10);
      expect(higher.messages.map(({ data }) => data)).toEqual(['over the one link']);
      expect(lower.messages.map(({ data }) => data)).toEqual(['and back']);
    },
  );
});
