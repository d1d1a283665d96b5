/**
 * Rooms with several members in one page, through the test run's real PeerServer.
 */
import Peer from 'peerjs';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { recordPeerConnections } from '../testing/recordPeerConnections.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { rendezvousId } from './rendezvousId.ts';
import type { Room } from './Room.ts';
import type { RoomError } from './RoomError.ts';
import {
  leaveAll,
  signalThrough,
  streams,
  uniqueRoom,
  signalingPort,
  join,
  peersFailingFirstDials,
  untilRoster,
} from '../testing/joinRoomRig.ts';

afterEach(leaveAll);

describe('joinRoom on a stock PeerServer: members meet at the rendezvous ID', () => {
  beforeEach(() => {
    signalThrough(inject('stockSignalingPort'));
  });

  it('keeps a member with another passphrase apart: it meets at another rendezvous ID, and nobody lists it', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada', { passphrase: 'open sesame' });
    const seenByAda = new Set<string>();
    ada.peers$.subscribe((peers) => {
      for (const peer of peers) seenByAda.add(peer.name ?? '?');
    });
    const adaErrors: RoomError[] = [];
    ada.errors$.subscribe((error) => adaErrors.push(error));
    await firstValueFrom(ada.self$);
    // On a stock PeerServer nobody can tell Eve that others are here under another passphrase
    // without telling every stranger where they meet: she holds a rendezvous ID of her own.
    const eve = join(roomId, 'eve', { passphrase: 'guess' });
    await firstValueFrom(eve.self$);
    const bo = join(roomId, 'bo', { passphrase: 'open sesame' });
    await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
    expect([...seenByAda]).toEqual(['bo']);
    expect(await firstValueFrom(eve.peers$)).toEqual([]);
    expect(adaErrors).toEqual([]);
  }, 20_000);

  it('refuses a member beyond the size limit with room-full', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada', { maxMembers: 2 });
    await firstValueFrom(ada.self$);
    join(roomId, 'bo', { maxMembers: 2 });
    await untilRoster(ada, ['bo']);
    const cy = join(roomId, 'cy', { maxMembers: 2 });
    expect((await firstValueFrom(cy.errors$)).reason).toBe('room-full');
  }, 20_000);

  /** Ada holds the directory (a newcomer joins on a link with her); Cy is a member Bo must dial. */
  async function roomOfAdaAndCy(roomId: string): Promise<{ ada: Room; cyId: string }> {
    const ada = join(roomId, 'ada');
    await firstValueFrom(ada.self$);
    const cy = join(roomId, 'cy');
    await untilRoster(ada, ['cy']);
    return { ada, cyId: (await firstValueFrom(cy.self$)).id };
  }

  it('dials a listed member again when the first connection fails', async () => {
    const roomId = uniqueRoom();
    const { ada } = await roomOfAdaAndCy(roomId);
    const failing = peersFailingFirstDials(2);
    const bo = join(roomId, 'bo', { createPeer: failing.createPeer, redial: backoffPolicy({ initialDelayMs: 50, maxAttempts: 4 }) });
    await Promise.all([untilRoster(ada, ['bo', 'cy']), untilRoster(bo, ['ada', 'cy'])]);
    expect(failing.dials()).toBe(3);
  }, 20_000);

  it('reports a member it cannot reach with connection-failed, once the redial policy gives up', async () => {
    const roomId = uniqueRoom();
    const { cyId } = await roomOfAdaAndCy(roomId);
    const failing = peersFailingFirstDials(Number.POSITIVE_INFINITY);
    const bo = join(roomId, 'bo', { createPeer: failing.createPeer, redial: backoffPolicy({ initialDelayMs: 50, maxAttempts: 2 }) });
    const gaveUp = await firstValueFrom(bo.errors$.pipe(filter((error) => error.reason === 'connection-failed')));
    expect(gaveUp.peerId).toBe(cyId);
    expect(failing.dials()).toBe(3);
  }, 20_000);

  it('keeps a newcomer’s connection to the directory as its link with the holder: one connection for the pair', async () => {
    const { made, restore } = recordPeerConnections();
    try {
      const roomId = uniqueRoom();
      const ada = join(roomId, 'ada');
      const adaId = (await firstValueFrom(ada.self$)).id;
      const bo = join(roomId, 'bo');
      await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
      // Bo knows Ada by her member ID, not by the rendezvous ID he dialed.
      expect((await firstValueFrom(bo.peers$)).map((peer) => peer.id)).toEqual([adaId]);
      // Without media, only data connections: one end each, made for the join and kept.
      expect(made).toHaveLength(2);
      expect(made.map((pc) => pc.connectionState)).toEqual(['connected', 'connected']);
      const received = firstValueFrom(ada.messages$);
      bo.send('over the join link');
      expect((await received).data).toBe('over the join link');
    } finally {
      restore();
    }
  });

  it('lets the others carry on when the holder of the directory leaves, and admits newcomers after', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada');
    await firstValueFrom(ada.self$);
    const bo = join(roomId, 'bo');
    const cy = join(roomId, 'cy');
    await Promise.all([untilRoster(bo, ['ada', 'cy']), untilRoster(cy, ['ada', 'bo'])]);
    ada.leave();
    await Promise.all([untilRoster(bo, ['cy']), untilRoster(cy, ['bo'])]);
    const di = join(roomId, 'di');
    await Promise.all([untilRoster(bo, ['cy', 'di']), untilRoster(cy, ['bo', 'di']), untilRoster(di, ['bo', 'cy'])]);
  }, 20_000);

  it('meets a passphrase room at an ID derived from the passphrase: a stranger holding the name’s ID is never dialed', async () => {
    const roomId = uniqueRoom();
    const squatter = new Peer(rendezvousId(roomId), {
      host: '127.0.0.1',
      port: signalingPort,
      path: '/peerjs',
      config: { iceServers: [] },
    });
    let dialedSquatter = 0;
    squatter.on('connection', () => (dialedSquatter += 1));
    try {
      await new Promise<void>((resolve, reject) => {
        squatter.once('open', () => resolve());
        squatter.once('error', reject);
      });
      const ada = join(roomId, 'ada', { passphrase: 'open sesame' });
      await firstValueFrom(ada.self$);
      const bo = join(roomId, 'bo', { passphrase: 'open sesame' });
      await Promise.all([untilRoster(ada, ['bo']), untilRoster(bo, ['ada'])]);
      expect(dialedSquatter).toBe(0);
    } finally {
      squatter.destroy();
    }
  }, 20_000);

  it('releases everything on leave: no RTCPeerConnection open, no track of its making live', async () => {
    const { made, restore } = recordPeerConnections();
    try {
      const roomId = uniqueRoom();
      const shared = ['ada', 'bo', 'cy'].map((label) => createSyntheticStream({ label, width: 160, height: 120 }));
      streams.push(...shared);
      const members = ['ada', 'bo', 'cy'].map((name, index) => join(roomId, name, { stream: shared[index] }));
      const remoteTracks = (
        await Promise.all(
          members.map(async (room) => {
            const peers = await firstValueFrom(room.peers$.pipe(filter((roster) => roster.length === 2)));
            return Promise.all(peers.map((peer) => firstValueFrom(peer.stream$.pipe(filter((stream) => stream !== null)))));
          }),
        )
      ).flatMap((remote) => remote.flatMap((stream) => stream.getTracks()));
      expect(remoteTracks).toHaveLength(12);
      // What the calls send: gated clones of the shared tracks, one set per link.
      const sentTracks = made.flatMap((pc) => pc.getSenders().map((sender) => sender.track)).filter((track) => track !== null);
      expect(sentTracks.length).toBeGreaterThanOrEqual(12);

      for (const room of members) room.leave();

      expect(made.filter((pc) => pc.connectionState !== 'closed')).toEqual([]);
      const originals = new Set(shared.flatMap((stream) => stream.getTracks()));
      expect(sentTracks.filter((track) => !originals.has(track) && track.readyState === 'live')).toEqual([]);
      await expect.poll(() => remoteTracks.filter((track) => track.readyState === 'live')).toEqual([]);
    } finally {
      restore();
    }
  }, 30_000);
});
