/**
 * Rooms with several members in one page, through the test run's real PeerServer.
 */
import Peer, { type DataConnection } from 'peerjs';
import { filter, firstValueFrom, map, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { rendezvousId } from './rendezvousId.ts';
import { RoomError } from './RoomError.ts';
import { leaveAll, signalThrough, uniqueRoom, signalingPort, join, untilRoster, threeWhoMeet } from '../testing/joinRoomRig.ts';

afterEach(leaveAll);

describe('joinRoom on peerstage’s own server: members meet at its room directory', () => {
  beforeEach(() => {
    signalThrough(inject('signalingPort'));
  });

  it('connects three members to each other, and messages flow', async () => {
    const [ada, , cy] = await threeWhoMeet();
    const heard = firstValueFrom(cy.messages$);
    ada.send({ text: 'hello' });
    expect((await heard).data).toEqual({ text: 'hello' });
  }, 20_000);

  it('meets again when the one who did not dial gives the link up while both stay: the dialer dials again', async () => {
    const roomId = uniqueRoom();
    // Ada's side of every link dialed to her: she gives Bo's up, as a starved member does
    // when its handshake times out just after the other side admitted it.
    const dialedToAda: DataConnection[] = [];
    const ada = join(roomId, 'ada', {
      createPeer: (id, options) => {
        const peer = id === undefined ? new Peer(options) : new Peer(id, options);
        peer.on('connection', (connection) => dialedToAda.push(connection));
        return peer;
      },
    });
    // Ada is in before Bo comes: the directory lists her to Bo, and Bo dials.
    await firstValueFrom(ada.self$);
    const bo = join(roomId, 'bo');
    await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
    const adaAtBo = (await firstValueFrom(bo.peers$))[0];
    const rosters = bo.peers$.pipe(map((peers) => peers.length));
    const droppedAda = firstValueFrom(rosters.pipe(filter((count) => count === 0)));

    for (const connection of dialedToAda) connection.close();
    await droppedAda;
    await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
    expect((await firstValueFrom(bo.peers$))[0]).not.toBe(adaAtBo);
  }, 30_000);

  it('leaves the room’s rendezvous ID alone: nobody holds it, so nobody squatting it matters', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada');
    const bo = join(roomId, 'bo');
    await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
    const squatter = new Peer(rendezvousId(roomId), {
      host: '127.0.0.1',
      port: signalingPort,
      path: '/peerjs',
      config: { iceServers: [] },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        squatter.once('open', () => resolve());
        squatter.once('error', reject);
      });
      const cy = join(roomId, 'cy');
      await Promise.all([untilRoster(cy, ['ada', 'bo']), untilRoster(ada, ['bo', 'cy'])]);
    } finally {
      squatter.destroy();
    }
  }, 20_000);

  it('lists a member only to those with its passphrase: a wrong one is told so, and meets nobody', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada', { passphrase: 'open sesame' });
    const seenByAda = new Set<string>();
    ada.peers$.subscribe((peers) => {
      for (const peer of peers) seenByAda.add(peer.name ?? '?');
    });
    const adaErrors: RoomError[] = [];
    ada.errors$.subscribe((error) => adaErrors.push(error));
    await firstValueFrom(ada.self$);
    const eve = join(roomId, 'eve', { passphrase: 'guess' });
    const told = await firstValueFrom(eve.errors$);
    expect(told).toBeInstanceOf(RoomError);
    expect(told.reason).toBe('wrong-passphrase');
    // A hint about the room, not one member's word: it names nobody.
    expect(told.peerId).toBeUndefined();
    const bo = join(roomId, 'bo', { passphrase: 'open sesame' });
    await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
    expect([...seenByAda]).toEqual(['bo']);
    expect(await firstValueFrom(eve.peers$)).toEqual([]);
    // Eve never even reached Ada: she was never listed to her.
    expect(adaErrors).toEqual([]);
  }, 20_000);

  it('ends the join with room-full when as many members as the room holds refuse it, each proving itself', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada', { maxMembers: 2, passphrase: 'open sesame' });
    await firstValueFrom(ada.self$);
    join(roomId, 'bo', { maxMembers: 2, passphrase: 'open sesame' });
    await untilRoster(ada, ['bo']);
    const cy = join(roomId, 'cy', { maxMembers: 2, passphrase: 'open sesame' });
    const errors = await firstValueFrom(cy.errors$.pipe(take(2), toArray()));
    // First one member's word (naming it), then the room's verdict (naming nobody).
    expect(errors.map((error) => [error.reason, error.peerId === undefined])).toEqual([
      ['room-full', false],
      ['room-full', true],
    ]);
  }, 20_000);
});
