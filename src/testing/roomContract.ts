/**
 * The Room contract as tests any transport must pass (see RoomTransport.ts): the mesh's run in
 * meshTransport.test.ts; a media server's transport runs the same. Each test joins members
 * through `world.join` and lets time pass with `world.settle`, so a transport may run on fakes
 * and virtual time or on real servers.
 */
import { firstValueFrom, type Observable, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JoinOptions } from '../room/JoinOptions.ts';
import type { Room, RoomMessage } from '../room/Room.ts';
import type { RoomError } from '../room/RoomError.ts';

/** Where the contract's members meet. */
export interface RoomWorld {
  /** Joins `roomId` as a member called `name` (with `options` on top of the world's own). */
  join(roomId: string, name: string, options?: JoinOptions): Room;
  /** Lets the transport work long enough for members to meet, or a message to arrive. */
  settle(): Promise<void>;
  /** Releases what the world made (after every room left). */
  dispose(): Promise<void> | void;
}

/** Records what a room says, from joining on. */
function watch(room: Room) {
  const said = { self: [] as string[], roster: [] as string[][], messages: [] as RoomMessage[], errors: [] as RoomError[] };
  room.self$.subscribe((self) => said.self.push(self.id));
  room.peers$.subscribe((peers) => said.roster.push(peers.map((peer) => peer.name ?? peer.id).sort()));
  room.messages$.subscribe((message) => said.messages.push(message));
  room.errors$.subscribe((error) => said.errors.push(error));
  return said;
}

/** Whether `source` has completed: it emits what it replays, then completes at once. */
async function completes(source: Observable<unknown>): Promise<boolean> {
  let done = false;
  source.subscribe({ complete: () => (done = true) });
  await Promise.resolve();
  return done;
}

/**
 * Defines the contract's tests for the transport `name`, in a world `makeWorld` makes for each.
 *
 * @example
 * ```ts
 * declare function meshWorld(): RoomWorld;
 * describeRoomContract('the mesh', meshWorld);
 * ```
 */
export function describeRoomContract(name: string, makeWorld: () => RoomWorld): void {
  describe(`the Room contract, on ${name}`, () => {
    let world: RoomWorld;
    const rooms: Room[] = [];
    const join = (roomId: string, member: string, options?: JoinOptions) => {
      const room = world.join(roomId, member, options);
      rooms.push(room);
      return room;
    };

    beforeEach(() => {
      world = makeWorld();
    });

    afterEach(async () => {
      for (const room of rooms.splice(0)) room.leave();
      await world.dispose();
    });

    it('says who this member is once joined, once, and lists the others by name', async () => {
      const ada = watch(join('contract', 'ada'));
      const bob = watch(join('contract', 'bob'));
      await world.settle();
      expect(ada.self).toHaveLength(1);
      expect(bob.self).toHaveLength(1);
      expect(ada.self[0]).not.toBe(bob.self[0]);
      expect(ada.roster.at(-1)).toEqual(['bob']);
      expect(bob.roster.at(-1)).toEqual(['ada']);
    });

    it('replays the roster to a late subscriber', async () => {
      const ada = join('contract', 'ada');
      join('contract', 'bob');
      await world.settle();
      const roster = await new Promise<string[]>((resolve) =>
        ada.peers$.subscribe((peers) => resolve(peers.map((peer) => peer.name ?? ''))),
      );
      expect(roster).toEqual(['bob']);
    });

    it('delivers a message to everyone from its sender, and a direct one to its addressee alone, marked direct', async () => {
      const adaRoom = join('contract', 'ada');
      const bob = watch(join('contract', 'bob'));
      const cyd = watch(join('contract', 'cyd'));
      await world.settle();
      const adaId = (await firstValueFrom(adaRoom.self$)).id;
      const bobId = (await firstValueFrom(adaRoom.peers$)).find((peer) => peer.name === 'bob')?.id;
      adaRoom.send({ text: 'to all' });
      adaRoom.send({ text: 'to bob' }, bobId);
      await world.settle();
      expect(bob.messages).toEqual([
        { from: adaId, data: { text: 'to all' } },
        { from: adaId, data: { text: 'to bob' }, direct: true },
      ]);
      expect(cyd.messages).toEqual([{ from: adaId, data: { text: 'to all' } }]);
    });

    it('reports a message to someone not in the room on errors$, never by throwing', async () => {
      const room = join('contract', 'ada');
      const ada = watch(room);
      await world.settle();
      expect(() => room.send('hello?', 'nobody')).not.toThrow();
      await world.settle();
      expect(ada.errors.map((error) => [error.reason, error.peerId])).toEqual([['send-failed', 'nobody']]);
    });

    it('reports replacing a kind of track this member never shared as media-unsupported', async () => {
      const room = join('contract', 'ada');
      const ada = watch(room);
      await world.settle();
      room.replaceTrack({ kind: 'video' } as MediaStreamTrack);
      expect(ada.errors.map((error) => error.reason)).toEqual(['media-unsupported']);
    });

    it("drops a member who leaves from the others' rosters, and completes every stream of the one who left", async () => {
      const adaRoom = join('contract', 'ada');
      const ada = watch(adaRoom);
      const bobRoom = join('contract', 'bob');
      await world.settle();
      const bobRosters = firstValueFrom(bobRoom.peers$.pipe(toArray()));
      bobRoom.leave();
      bobRoom.leave();
      await world.settle();
      expect(ada.roster.at(-1)).toEqual([]);
      expect((await bobRosters).at(-1)).toEqual([]);
      for (const stream of [bobRoom.self$, bobRoom.peers$, bobRoom.messages$, bobRoom.errors$, bobRoom.uplinkKbps$]) {
        expect(await completes(stream)).toBe(true);
      }
    });
  });
}
