/**
 * Media through a real Janus server, in real browsers: every member sees and hears every other
 * through its one subscription, a leaving member's media ends, stats and simulcast layers work.
 */
import { filter, firstValueFrom, map, type Observable, timeout } from 'rxjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSyntheticStream } from '../../media/createSyntheticStream.ts';
import { countVideoFrames, readTone } from '../../testing/mediaProbes.ts';
import { recordPeerConnections } from '../../testing/recordPeerConnections.ts';
import { joinRoom } from '../joinRoom.ts';
import type { RemotePeer } from '../RemotePeer.ts';
import type { Room } from '../Room.ts';
import { janusTransport } from './janusTransport.ts';

const rooms: Room[] = [];
const streams: MediaStream[] = [];

afterEach(() => {
  for (const room of rooms.splice(0)) room.leave();
  for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
});

function member(roomId: string, name: string, frequency: number, size = { width: 160, height: 120 }): Room {
  const stream = createSyntheticStream({ label: name, frequency, ...size });
  streams.push(stream);
  const room = joinRoom(roomId, { name, stream, transport: janusTransport({ url: inject('janusUrls')[0] ?? '' }) });
  rooms.push(room);
  return room;
}

/** The first roster of `room` that lists `count` others, within 20 s. */
function rosterOf(room: Room, count: number): Promise<readonly RemotePeer[]> {
  return firstValueFrom(
    room.peers$.pipe(
      filter((peers) => peers.length === count),
      timeout(20_000),
    ),
  );
}

function mediaOf(peer: RemotePeer): Promise<MediaStream> {
  return firstValueFrom(
    (peer.stream$ as Observable<MediaStream | null>).pipe(
      filter((stream): stream is MediaStream => stream !== null && stream.getTracks().length === 2),
      timeout(20_000),
    ),
  );
}

describe('media on Janus', () => {
  it('lets three members see and hear each other, each through one connection down', async () => {
    const name = `media-${Date.now()}`;
    const tones = { ada: 440, bob: 660, cyd: 880 } as const;
    const members = Object.entries(tones).map(([who, hz]) => [who, member(name, who, hz)] as const);
    for (const [who, room] of members) {
      const peers = await rosterOf(room, 2);
      for (const peer of peers) {
        const stream = await mediaOf(peer);
        expect(await countVideoFrames(stream, 2_000), `${who} sees ${peer.name}`).toBeGreaterThan(3);
        const tone = await readTone(stream);
        expect(tone.levelDb, `${who} hears ${peer.name}`).toBeGreaterThan(-40);
        expect(Math.abs(tone.peakHz - tones[peer.name as keyof typeof tones]), `${who} hears ${peer.name}'s pitch`).toBeLessThan(30);
      }
    }
  });

  it("ends a leaving member's media with null and drops it from the roster", async () => {
    const name = `leaving-${Date.now()}`;
    const ada = member(name, 'ada', 440);
    const bob = member(name, 'bob', 660);
    const [bobSeen] = await rosterOf(ada, 1);
    if (!bobSeen) throw new Error('no bob');
    await mediaOf(bobSeen);
    const last = firstValueFrom(bobSeen.stream$.pipe(map((stream) => stream)), { defaultValue: undefined });
    const ended = new Promise<null | MediaStream | undefined>((resolve) => {
      let latest: MediaStream | null | undefined;
      bobSeen.stream$.subscribe({ next: (stream) => (latest = stream), complete: () => resolve(latest) });
    });
    bob.leave();
    await rosterOf(ada, 0);
    expect(await ended).toBeNull();
    await last;
  });

  it("samples the member's connection: bytes arrive through the subscription", async () => {
    const name = `stats-${Date.now()}`;
    const ada = member(name, 'ada', 440);
    member(name, 'bob', 660);
    const [bob] = await rosterOf(ada, 1);
    if (!bob) throw new Error('no bob');
    await mediaOf(bob);
    const stats = await firstValueFrom(
      bob.stats({ intervalMs: 250 }).pipe(
        filter((sample) => (sample.bytesReceived ?? 0) > 0),
        timeout(10_000),
      ),
    );
    expect(stats.bytesReceived).toBeGreaterThan(0);
    expect(await firstValueFrom(bob.connectionState$)).toBe('connected');
  });
});

/** The height of `stream`'s picture once `accept` takes it (else the last one seen within 20 s). */
async function playedHeight(stream: MediaStream, accept: (height: number) => boolean | Promise<boolean>): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream(stream.getVideoTracks());
  await video.play();
  try {
    const until = performance.now() + 20_000;
    while (performance.now() < until) {
      await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
      if (await accept(video.videoHeight)) return video.videoHeight;
    }
    return video.videoHeight;
  } finally {
    video.pause();
    video.srcObject = null;
  }
}

/** The heights of the video layers `connections` send now (bytes flowing). */
async function layersSent(connections: readonly RTCPeerConnection[]): Promise<number[]> {
  const heights = new Set<number>();
  for (const pc of connections) {
    (await pc.getStats()).forEach((entry: { type: string; kind?: string; frameHeight?: number; bytesSent?: number }) => {
      if (entry.type === 'outbound-rtp' && entry.kind === 'video' && entry.frameHeight && (entry.bytesSent ?? 0) > 0) {
        heights.add(entry.frameHeight);
      }
    });
  }
  return [...heights];
}

describe('simulcast on Janus', () => {
  // Which layers go up depends on the browser (Chromium sends two of three at 640x480, the top
  // one once its bandwidth estimate allows), so the test reads them from bob's publisher and
  // expects the smallest for a small view and the largest for a large one.
  it('takes the smallest layer sent for a small view, and the largest for a large view', async () => {
    const name = `simulcast-${Date.now()}`;
    // Ada shares nothing: the only video going up is bob's.
    const ada = joinRoom(name, { name: 'ada', transport: janusTransport({ url: inject('janusUrls')[0] ?? '' }) });
    rooms.push(ada);
    const record = recordPeerConnections();
    let bob: RemotePeer | undefined;
    let stream: MediaStream;
    try {
      member(name, 'bob', 660, { width: 640, height: 480 });
      [bob] = await rosterOf(ada, 1);
      if (!bob) throw new Error('no bob');
      stream = await mediaOf(bob);
    } finally {
      record.restore();
    }
    const sent = () => layersSent(record.made);
    await expect.poll(async () => (await sent()).length, { timeout: 15_000, message: 'layers sent' }).toBeGreaterThan(1);
    bob.showVideoAt({ width: 160, height: 120 });
    const small = await playedHeight(stream, async (height) => height === Math.min(...(await sent())));
    expect(small).toBe(Math.min(...(await sent())));
    bob.showVideoAt(null);
    const large = await playedHeight(stream, async (height) => height === Math.max(...(await sent())));
    expect(large).toBe(Math.max(...(await sent())));
    expect(large).toBeGreaterThan(small);
  });
});
