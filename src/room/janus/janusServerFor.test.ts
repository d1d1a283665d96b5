import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { janusServerFor } from './janusServerFor.ts';

/** Fixed, so that the shares below are the same on every run: a fairness bound must never flake. */
const SEED = 23;
const roomIds = fc.sample(fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }), { seed: SEED, numRuns: 1000 });
const pathsOf = (count: number) => Array.from({ length: count }, (_, index) => `/janus/${index}`);
const servers = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 16 });

describe('janusServerFor', () => {
  it('refuses an empty list', () => {
    expect(() => janusServerFor('jam', [])).toThrow(RangeError);
  });

  it('is deterministic and always picks a server of the list', () => {
    fc.assert(
      fc.property(fc.string(), servers, (roomId, list) => {
        const server = janusServerFor(roomId, list);
        expect(list).toContain(server);
        expect(janusServerFor(roomId, [...list])).toBe(server);
      }),
    );
  });

  it('gives a known answer (the map is shared by pages and hubs of different versions)', () => {
    // Pins the hash: changing it would split rooms between members of old and new pages. Worked
    // out apart from the code, with a few lines of Python's integers (FNV-1a 64, fmix64, max weight).
    const answers = ['jam', 'choir', 'Jam', 'jam 🎷'].map((roomId) => janusServerFor(roomId, pathsOf(3)));
    expect(answers).toEqual(['/janus/1', '/janus/0', '/janus/1', '/janus/0']);
  });

  it('does not depend on the order of the list', () => {
    fc.assert(
      fc.property(
        fc.string(),
        servers.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        (roomId, [list, shuffled]) => {
          expect(janusServerFor(roomId, shuffled)).toBe(janusServerFor(roomId, list));
        },
      ),
    );
  });

  it('moves only the rooms of a server that leaves the list', () => {
    fc.assert(
      fc.property(
        fc.string(),
        servers.filter((list) => list.length >= 2),
        fc.nat(),
        (roomId, list, pick) => {
          const gone = list[pick % list.length] as string;
          const before = janusServerFor(roomId, list);
          const after = janusServerFor(
            roomId,
            list.filter((server) => server !== gone),
          );
          if (before !== gone) expect(after).toBe(before);
        },
      ),
    );
  });

  it.each([2, 3, 5])('gives each of %i servers a fair share of 1000 rooms', (count) => {
    const rooms = new Map<string, number>();
    for (const roomId of roomIds) {
      const server = janusServerFor(roomId, pathsOf(count));
      rooms.set(server, (rooms.get(server) ?? 0) + 1);
    }
    // Half to one and a half of an even share: far outside chance (about 8 standard deviations for 5).
    for (const server of pathsOf(count)) {
      expect(rooms.get(server) ?? 0, server).toBeGreaterThanOrEqual(roomIds.length / count / 2);
      expect(rooms.get(server) ?? 0, server).toBeLessThanOrEqual((roomIds.length / count) * 1.5);
    }
  });
});
