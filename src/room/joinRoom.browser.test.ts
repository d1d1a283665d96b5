/**
 * Rooms with several members in one page, through the test run's real PeerServer.
 */
import Peer, { BaseConnectionErrorType, type DataConnection, type PeerOptions } from 'peerjs';
import { filter, firstValueFrom, map, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { countVideoFrames, readTone, videoCornerColour } from '../testing/mediaProbes.ts';
import { recordPeerConnections } from '../testing/recordPeerConnections.ts';
import { testSessionOptions } from '../testing/testSignaling.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { joinRoom } from './joinRoom.ts';
import { rendezvousId } from './rendezvousId.ts';
import type { Room } from './Room.ts';
import { RoomError } from './RoomError.ts';

const rooms: Room[] = [];
const streams: MediaStream[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.leave();
  for (const track of streams.splice(0).flatMap((stream) => stream.getTracks())) track.stop();
});

const uniqueRoom = () => `room-${crypto.randomUUID()}`;

/** The server `join` signals through: each describe picks one of the run's two. */
let signalingPort: number;

function join(roomId: string, name: string, options: JoinOptions = {}): Room {
  const { signaling, iceServers } = testSessionOptions(signalingPort);
  const room = joinRoom(roomId, { signaling, iceServers, name, ...options });
  rooms.push(room);
  return room;
}

/**
 * A Peer factory whose first `failures` room connections fail, taking turns between the two
 * ways a starved machine loses them: negotiation fails before the channel opens, or the
 * channel closes as it opens, mid-handshake. `dials` counts every room connection tried.
 */
function peersFailingFirstDials(failures: number): { createPeer: NonNullable<JoinOptions['createPeer']>; dials: () => number } {
  let dials = 0;
  const createPeer = (id: string | undefined, options: PeerOptions) => {
    const peer = id === undefined ? new Peer(options) : new Peer(id, options);
    const connect = peer.connect.bind(peer);
    peer.connect = (remoteId, connectOptions) => {
      const connection = connect(remoteId, connectOptions);
      if (connectOptions?.label !== 'peerstage-room' || ++dials > failures) return connection;
      if (dials % 2 === 1)
        queueMicrotask(() => connection?.emitError(BaseConnectionErrorType.NegotiationFailed, 'failed on purpose by the test'));
      else connection?.once('open', () => queueMicrotask(() => connection.close()));
      return connection;
    };
    return peer;
  };
  return { createPeer, dials: () => dials };
}

const rosterNames = (room: Room) => room.peers$.pipe(map((peers) => peers.map((peer) => peer.name ?? '?').sort()));
const untilRoster = (room: Room, names: string[]) =>
  firstValueFrom(rosterNames(room).pipe(filter((roster) => JSON.stringify(roster) === JSON.stringify([...names].sort()))));

/** Ada, Bo and Cy join a new room at once; resolves once each lists the other two. */
async function threeWhoMeet(): Promise<[Room, Room, Room]> {
  const roomId = uniqueRoom();
  const rooms: [Room, Room, Room] = [join(roomId, 'ada'), join(roomId, 'bo'), join(roomId, 'cy')];
  const [ada, bo, cy] = rooms;
  await Promise.all([untilRoster(ada, ['bo', 'cy']), untilRoster(bo, ['ada', 'cy']), untilRoster(cy, ['ada', 'bo'])]);
  return rooms;
}

describe('joinRoom on a stock PeerServer: members meet at the rendezvous ID', () => {
  beforeEach(() => {
    signalingPort = inject('stockSignalingPort');
  });

  it('connects three members to each other', async () => {
    const [ada, bo, cy] = await threeWhoMeet();
    const selves = await Promise.all([ada, bo, cy].map((room) => firstValueFrom(room.self$)));
    expect(new Set(selves.map((self) => self.id)).size).toBe(3);
  }, 20_000);

  it('delivers broadcast and direct messages once each, in order per sender', async () => {
    const [ada, bo, cy] = await threeWhoMeet();
    const boId = (await firstValueFrom(bo.self$)).id;
    const atBo: unknown[] = [];
    const atCy: unknown[] = [];
    bo.messages$.subscribe(({ data }) => atBo.push(data));
    cy.messages$.subscribe(({ data }) => atCy.push(data));
    for (let index = 0; index < 20; index += 1) ada.send({ index });
    ada.send('just for bo', boId);
    await expect.poll(() => atBo.length).toBe(21);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(atBo).toEqual([...Array.from({ length: 20 }, (_, index) => ({ index })), 'just for bo']);
    expect(atCy).toEqual(Array.from({ length: 20 }, (_, index) => ({ index })));
  }, 20_000);

  it('sees a leave at once, and the room outlives its first member', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada');
    await firstValueFrom(ada.self$);
    const bo = join(roomId, 'bo');
    const cy = join(roomId, 'cy');
    await Promise.all([untilRoster(bo, ['ada', 'cy']), untilRoster(cy, ['ada', 'bo'])]);
    ada.leave();
    await Promise.all([untilRoster(bo, ['cy']), untilRoster(cy, ['bo'])]);
    const dee = join(roomId, 'dee');
    await Promise.all([untilRoster(dee, ['bo', 'cy']), untilRoster(bo, ['cy', 'dee'])]);
  }, 30_000);

  it('carries each member’s media on its RemotePeer.stream$', async () => {
    const roomId = uniqueRoom();
    const adaStream = createSyntheticStream({ label: 'ada', width: 160, height: 120 });
    streams.push(adaStream);
    join(roomId, 'ada', { stream: adaStream });
    const bo = join(roomId, 'bo');
    const [adaAtBo] = await firstValueFrom(bo.peers$.pipe(filter((peers) => peers.length === 1)));
    const stream = await firstValueFrom(adaAtBo!.stream$.pipe(filter((value) => value !== null)));
    expect(await countVideoFrames(stream, 800)).toBeGreaterThan(3);
  }, 20_000);

  it('links two members who share media inside their calls: two connections for the pair, not three', async () => {
    const { made, restore } = recordPeerConnections();
    try {
      const roomId = uniqueRoom();
      const shared = ['ada', 'bo', 'cy'].map((label) => createSyntheticStream({ label, width: 64, height: 48, fps: 5 }));
      streams.push(...shared);
      // One after another, so who dials whom is known: Bo and Cy join through Ada (a connection
      // each, and a call each way), and Cy dials Bo inside its call.
      const ada = join(roomId, 'ada', { stream: shared[0] });
      await firstValueFrom(ada.self$);
      const bo = join(roomId, 'bo', { stream: shared[1] });
      await untilRoster(bo, ['ada']);
      const cy = join(roomId, 'cy', { stream: shared[2] });
      await Promise.all([untilRoster(bo, ['ada', 'cy']), untilRoster(cy, ['ada', 'bo'])]);
      const boAtCy = (await firstValueFrom(cy.peers$)).find((peer) => peer.name === 'bo');
      await firstValueFrom(boAtCy!.stream$.pipe(filter((stream) => stream !== null)));
      const atBo = firstValueFrom(bo.messages$);
      cy.send({ text: 'hi' }, boAtCy!.id);
      expect(await atBo).toMatchObject({ data: { text: 'hi' }, direct: true });
      // Both ends of: Ada–Bo and Ada–Cy, three each (the join channel, a call each way);
      // Bo–Cy, two (a call each way, Cy's carrying the link).
      expect(made).toHaveLength(2 * (3 + 3 + 2));
    } finally {
      restore();
    }
  }, 30_000);

  it('tells how the connection to each member is doing: its state, and stats of the call carrying its media', async () => {
    const roomId = uniqueRoom();
    const adaStream = createSyntheticStream({ label: 'ada', width: 160, height: 120 });
    streams.push(adaStream);
    join(roomId, 'ada', { stream: adaStream });
    const bo = join(roomId, 'bo');
    const [adaAtBo] = await firstValueFrom(bo.peers$.pipe(filter((peers) => peers.length === 1)));
    await firstValueFrom(adaAtBo!.stream$.pipe(filter((value) => value !== null)));
    expect(await firstValueFrom(adaAtBo!.connectionState$)).toBe('connected');
    // The second sample has a bitrate: Ada's video flows to Bo on the call.
    const [, second] = await firstValueFrom(adaAtBo!.stats({ intervalMs: 300 }).pipe(take(2), toArray()));
    expect(second!.bitrateInBps).toBeGreaterThan(10_000);
    expect(second!.localCandidateType).toBe('host');
    expect(second!.roundTripMs).not.toBeNull();
  }, 20_000);

  it('lets a member mute what it shares for everyone by disabling its own track', async () => {
    const roomId = uniqueRoom();
    const adaStream = createSyntheticStream({ label: 'ada', width: 64, height: 48, fps: 5, frequency: 440 });
    streams.push(adaStream);
    join(roomId, 'ada', { stream: adaStream });
    const bo = join(roomId, 'bo');
    const [adaAtBo] = await firstValueFrom(bo.peers$.pipe(filter((peers) => peers.length === 1)));
    const stream = await firstValueFrom(adaAtBo!.stream$.pipe(filter((value) => value !== null)));
    await expect.poll(async () => (await readTone(stream, 300)).levelDb, { timeout: 10_000 }).toBeGreaterThan(-30);

    for (const track of adaStream.getAudioTracks()) track.enabled = false;
    await expect.poll(async () => (await readTone(stream, 300)).levelDb, { timeout: 10_000 }).toBeLessThan(-60);
    for (const track of adaStream.getAudioTracks()) track.enabled = true;
    await expect.poll(async () => (await readTone(stream, 300)).levelDb, { timeout: 10_000 }).toBeGreaterThan(-30);
  }, 40_000);

  it('switches what a member shows to everyone with replaceTrack, on the calls it has', async () => {
    const { made, restore } = recordPeerConnections();
    try {
      const roomId = uniqueRoom();
      const camera = createSyntheticStream({ label: 'camera', color: '#d01010', width: 160, height: 120 });
      const screen = createSyntheticStream({ label: 'screen', color: '#1010d0', width: 160, height: 120 });
      streams.push(camera, screen);
      const ada = join(roomId, 'ada', { stream: camera });
      const bo = join(roomId, 'bo');
      const [adaAtBo] = await firstValueFrom(bo.peers$.pipe(filter((peers) => peers.length === 1)));
      const received = await firstValueFrom(adaAtBo!.stream$.pipe(filter((value) => value !== null)));
      const redder = async () => {
        const { r, b } = await videoCornerColour(received);
        return r - b;
      };
      await expect.poll(redder, { timeout: 10_000 }).toBeGreaterThan(100);
      const connections = made.length;

      ada.replaceTrack(screen.getVideoTracks()[0]!);
      await expect.poll(redder, { timeout: 10_000 }).toBeLessThan(-100);
      ada.replaceTrack(camera.getVideoTracks()[0]!);
      await expect.poll(redder, { timeout: 10_000 }).toBeGreaterThan(100);
      expect(made.length).toBe(connections);
    } finally {
      restore();
    }
  }, 30_000);

  it('refuses to replace a kind of track that was never shared, with media-unsupported', async () => {
    const roomId = uniqueRoom();
    const ada = join(roomId, 'ada');
    const screen = createSyntheticStream({ width: 64, height: 48 });
    streams.push(screen);
    const refused = firstValueFrom(ada.errors$);
    ada.replaceTrack(screen.getVideoTracks()[0]!);
    expect((await refused).reason).toBe('media-unsupported');
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

describe('joinRoom on peerstage’s own server: members meet at its room directory', () => {
  beforeEach(() => {
    signalingPort = inject('signalingPort');
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
