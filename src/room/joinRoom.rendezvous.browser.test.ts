/**
 * Rooms with several members in one page, through the test run's real PeerServer.
 */
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { countVideoFrames, readTone, videoCornerColour } from '../testing/mediaProbes.ts';
import { recordPeerConnections } from '../testing/recordPeerConnections.ts';
import { leaveAll, signalThrough, streams, uniqueRoom, join, untilRoster, threeWhoMeet } from '../testing/joinRoomRig.ts';

afterEach(leaveAll);

describe('joinRoom on a stock PeerServer: members meet at the rendezvous ID', () => {
  beforeEach(() => {
    signalThrough(inject('stockSignalingPort'));
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
});
