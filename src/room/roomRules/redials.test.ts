import { afterEach, describe, expect, it } from 'vitest';
import { backoffPolicy } from '../../rtc/reconnectPolicy.ts';
import { meshRoomDirectory, roomDirectoryFetch } from '../../testing/fakeMesh/roomDirectoryFetch.ts';
import { FakeRoom, type Member } from '../../testing/fakeRoom.ts';

/** Redials 1 s, then 2 s, 4 s, 8 s after a failure, without jitter: the test knows when. */
const redial = backoffPolicy({ initialDelayMs: 1_000, multiplier: 2, jitterRatio: 0, maxAttempts: 4 });

/** Advances virtual time by `ms` in 10 ms steps; resolves with how long until `met()` first held (or `null`). */
async function timeUntil(world: FakeRoom, met: () => boolean, ms: number): Promise<number | null> {
  for (let elapsed = 0; elapsed <= ms; elapsed += 10) {
    if (met()) return elapsed;
    await world.time.advance(10);
  }
  return null;
}

const together = (a: Member, b: Member) => () => a.roster().includes(b.name) && b.roster().includes(a.name);

describe('rooms: dialing again', () => {
  let world: FakeRoom;
  afterEach(() => world.dispose());

  // Pins redial.ts: a listed member whose connection failed to open is dialed again after the
  // redial policy's delay, not at once (that adds to the load that failed it) and not never
  // (nobody else dials: the pair would stay apart for good).
  it('dials a listed member again after the policy delay when the first dial closed before it opened', async () => {
    world = new FakeRoom();
    world.mesh.failNextDials('cyd', 'bob');
    const ada = world.join('ada', { redial });
    const bob = world.join('bob', { redial });
    await world.time.advance(1_000);
    const cyd = world.join('cyd', { redial });
    // cyd joins at ada's directory, which lists bob: its dial to bob fails.
    const metAfter = await timeUntil(world, together(bob, cyd), 3_000);
    expect(cyd.roster()).toEqual(['ada', 'bob']);
    expect(world.mesh.peersOf('cyd')[0]?.dials.filter((dial) => dial.peer === bob.id())).toHaveLength(2);
    // Joining takes tens of ms; the second dial waits the policy's first delay on top.
    expect(metAfter).toBeGreaterThanOrEqual(1_000);
    expect(metAfter).toBeLessThan(1_200);
    expect([...ada.errors, ...bob.errors, ...cyd.errors]).toEqual([]);
  });

  // Pins that the redial policy bounds the tries: past them the member is reported, typed.
  it('reports connection-failed once the policy gives up, and keeps the rest of the room', async () => {
    world = new FakeRoom();
    world.mesh.failNextDials('cyd', 'bob', 5);
    const ada = world.join('ada', { redial });
    const bob = world.join('bob', { redial });
    await world.time.advance(1_000);
    const cyd = world.join('cyd', { redial });
    await world.time.advance(1_000 + 2_000 + 4_000 + 8_000 + 500);
    expect(world.mesh.peersOf('cyd')[0]?.dials.filter((dial) => dial.peer === bob.id())).toHaveLength(5);
    expect(cyd.errors.map(({ reason, peerId }) => ({ reason, peerId }))).toEqual([{ reason: 'connection-failed', peerId: bob.id() }]);
    expect(cyd.roster()).toEqual(['ada']);
    expect(ada.roster()).toEqual(['bob', 'cyd']);
  });

  // Pins that `peer-unavailable` is no failure to retry: the listed member has gone, and
  // dialing it again would only wait out the server again. Nothing is reported of it.
  it('does not dial again a listed member the server says is not there', async () => {
    // A directory that lists a member who is not registered (it left as the listing went out).
    world = new FakeRoom({ fetch: () => roomDirectoryFetch(({ id }) => ({ members: id === 'peer-0001' ? ['gone'] : [], others: 0 })) });
    const ada = world.join('ada', { redial });
    await world.time.advance(20_000);
    expect(world.mesh.peersOf('ada')[0]?.dials.map((dial) => dial.peer)).toEqual(['gone']);
    expect(ada.errors).toEqual([]);
  });

  // Pins LostLinks: a link lost though neither member left is dialed again by the member that
  // dialed it, after the redial policy's delay, and later losses wait longer. (On the server's
  // directory nothing else brings the pair back together.)
  it("dials a lost link again after the policy's delay, and longer after a second loss (server directory)", async () => {
    world = new FakeRoom({ fetch: (mesh) => roomDirectoryFetch(meshRoomDirectory(mesh)) });
    const ada = world.join('ada', { redial });
    const bob = world.join('bob', { redial });
    const cyd = world.join('cyd', { redial });
    await world.time.advance(1_000);
    expect(world.dialers('cyd', 'bob')).toEqual(['cyd']);

    world.mesh.dropConnections('cyd', 'bob');
    await world.time.advance(10);
    expect(cyd.roster()).toEqual(['ada']);
    expect(bob.roster()).toEqual(['ada']);
    const firstAfter = await timeUntil(world, together(bob, cyd), 3_000);
    expect(firstAfter).toBeGreaterThanOrEqual(1_000 - 10);
    expect(firstAfter).toBeLessThan(1_100);

    world.mesh.dropConnections('cyd', 'bob');
    await world.time.advance(10);
    const secondAfter = await timeUntil(world, together(bob, cyd), 5_000);
    expect(secondAfter).toBeGreaterThanOrEqual(2_000 - 10);
    expect(secondAfter).toBeLessThan(2_100);
    expect(ada.roster()).toEqual(['bob', 'cyd']);
    expect([...ada.errors, ...bob.errors, ...cyd.errors]).toEqual([]);
  });

  // The same rule on a stock PeerServer, where more dials the pair at once: each member that
  // loses a link looks for the directory again (the lost one may have held it), and the holder
  // lists the other. A member lost lately is held on both sides, whoever lists it: without the
  // hold both dialed at once and the pair met again within 20 ms.
  it("dials a lost link again only after the policy's delay (stock PeerServer)", async () => {
    world = new FakeRoom();
    const ada = world.join('ada', { redial });
    const bob = world.join('bob', { redial });
    const cyd = world.join('cyd', { redial });
    await world.time.advance(1_000);
    expect(ada.roster()).toEqual(['bob', 'cyd']);
    world.mesh.dropConnections('cyd', 'bob');
    await world.time.advance(10);
    const after = await timeUntil(world, together(bob, cyd), 3_000);
    expect(after).toBeGreaterThanOrEqual(1_000 - 10);
  });
});
