import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeRoom, type Member } from '../../testing/fakeRoom.ts';

const reasons = (member: Member) => member.errors.map((error) => error.reason);

describe('rooms: a signaling outage (a stock PeerServer)', () => {
  let world: FakeRoom;
  beforeEach(() => (world = new FakeRoom()));
  afterEach(() => world.dispose());

  // Pins that links are peer to peer: a member that loses the signaling server keeps its links
  // and says so once (signaling-unavailable), and once back, the room takes newcomers again.
  // ada holds the room's directory; bob does not: the outage of either.
  it.each(['ada', 'bob'])('keeps the room chatting through an outage of %s, says so once, and takes a newcomer after it', async (cut) => {
    const ada = world.join('ada');
    const bob = world.join('bob');
    await world.time.advance(1_000);
    expect(world.directoryHolders()).toEqual(['ada']);

    world.mesh.cutSignaling(cut);
    await world.time.advance(20_000);
    ada.room.send('from ada');
    bob.room.send('from bob');
    await world.time.advance(10);
    expect(bob.messages.map(({ data }) => data)).toEqual(['from ada']);
    expect(ada.messages.map(({ data }) => data)).toEqual(['from bob']);
    expect([ada.rosters, bob.rosters]).toEqual([
      [[], ['bob']],
      [[], ['ada']],
    ]);
    const [outOfTouch, inTouch] = cut === 'ada' ? [ada, bob] : [bob, ada];
    expect(reasons(outOfTouch)).toEqual(['signaling-unavailable']);
    expect(inTouch.errors).toEqual([]);

    world.mesh.restoreSignaling(cut);
    // The reconnect policy backs off to 5 s between tries.
    await world.time.advance(10_000);
    const cyd = world.join('cyd');
    await world.time.advance(2_000);
    expect(cyd.roster()).toEqual(['ada', 'bob']);
    expect(ada.roster()).toEqual(['bob', 'cyd']);
    expect(bob.roster()).toEqual(['ada', 'cyd']);
    expect(world.directoryHolders()).toEqual(['ada']);
    // Nothing more was said: back is no news.
    expect(reasons(outOfTouch)).toEqual(['signaling-unavailable']);
    expect([...inTouch.errors, ...cyd.errors]).toEqual([]);
  });

  // Pins the search after an outage: a newcomer that came while the holder was cut off found
  // the rendezvous ID free and holds a room of its own; once the holder is back, its members
  // look for the directory again and the two halves become one room.
  it("joins the room a newcomer held during the holder's outage with the room it came back to", async () => {
    const ada = world.join('ada');
    const bob = world.join('bob');
    await world.time.advance(1_000);
    world.mesh.cutSignaling('ada');
    await world.time.advance(100);
    const cyd = world.join('cyd');
    await world.time.advance(3_000);
    expect(cyd.roster()).toEqual([]);
    expect(world.directoryHolders()).toEqual(['cyd']);

    world.mesh.restoreSignaling('ada');
    await world.time.advance(10_000);
    expect(ada.roster()).toEqual(['bob', 'cyd']);
    expect(bob.roster()).toEqual(['ada', 'cyd']);
    expect(cyd.roster()).toEqual(['ada', 'bob']);
    expect(world.directoryHolders()).toEqual(['cyd']);
    const dee = world.join('dee');
    await world.time.advance(2_000);
    expect(dee.roster()).toEqual(['ada', 'bob', 'cyd']);
    expect([...bob.errors, ...cyd.errors, ...dee.errors]).toEqual([]);
  });
});
