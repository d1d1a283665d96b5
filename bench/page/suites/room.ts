/**
 * Join to media: the time from "everyone starts" until every member has presented a video
 * frame of every other member, for rooms of 2, 4 and 6 in one page. The baseline makes the
 * same connections with plain PeerJS (register, one data connection per pair, and each
 * member calling each other one with its stream), so the ratio is the price of the room
 * itself: the directory, the handshake and the roster. Goal: within 1.2x.
 */
import type { DataConnection, MediaConnection, Peer } from 'peerjs';
import { filter, firstValueFrom, map, scan, Subscription, switchMap, take } from 'rxjs';
import { createSyntheticStream } from '../../../src/media/createSyntheticStream.ts';
import { forEachPeer } from '../../../src/room/forEachPeer.ts';
import { joinRoom } from '../../../src/room/joinRoom.ts';
import type { Room } from '../../../src/room/Room.ts';
import type { BenchCase } from '../benchCase.ts';
import { firstFrame } from '../firstFrame.ts';
import { openPeer } from '../peerjsPair.ts';

const SIZES = [2, 4, 6] as const;
/** Small rooms are quick and noisy: more rounds for them. */
const ROUNDS: Readonly<Record<(typeof SIZES)[number], number>> = { 2: 12, 4: 8, 6: 5 };

function syntheticStreams(count: number): MediaStream[] {
  return Array.from({ length: count }, (_, index) =>
    createSyntheticStream({ label: `m${index}`, width: 160, height: 120, fps: 15 }),
  );
}

const stopAll = (streams: MediaStream[]) => streams.forEach((stream) => stream.getTracks().forEach((track) => track.stop()));

/**
 * Resolves when `room` has presented a frame of `others` distinct members. Counted by ID
 * across roster changes: on a starved page a link may drop and come back before media flows.
 */
function seenEveryone(room: Room, others: number): Promise<unknown> {
  return firstValueFrom(
    room.peers$.pipe(
      forEachPeer((peer) =>
        peer.stream$.pipe(
          filter((stream) => stream !== null),
          take(1),
          switchMap((stream) => firstFrame(stream)),
          map(() => peer.id),
        ),
      ),
      scan((seen, id) => seen.add(id), new Set<string>()),
      filter((seen) => seen.size === others),
    ),
  );
}

/** Every member joins the same new room at once; resolves when all have seen all. */
async function roomRound(size: number): Promise<number> {
  const streams = syntheticStreams(size);
  const roomId = `bench-${crypto.randomUUID()}`;
  const owned = new Subscription();
  const startedAt = performance.now();
  const rooms = streams.map((stream, index) => joinRoom(roomId, { name: `m${index}`, stream, iceServers: [] }));
  const errors: string[] = [];
  rooms.forEach((room, index) => owned.add(room.errors$.subscribe((error) => errors.push(`m${index}: ${error.reason} ${error.message}`))));
  try {
    await Promise.all(rooms.map((room) => seenEveryone(room, size - 1)));
    return performance.now() - startedAt;
  } catch (error) {
    throw new Error(`a room of ${size} did not come together (${errors.join('; ') || 'no room error'})`, { cause: error });
  } finally {
    owned.unsubscribe();
    rooms.forEach((room) => room.leave());
    stopAll(streams);
  }
}

/** The same connections with plain PeerJS: data per pair, and a call each way with media. */
async function peerjsRound(size: number): Promise<number> {
  const streams = syntheticStreams(size);
  const peers: Peer[] = [];
  const startedAt = performance.now();
  try {
    peers.push(...(await Promise.all(streams.map(() => openPeer()))));
    const seen = peers.map((peer, index) => {
      const remoteStreams = new Promise<void>((resolve) => {
        let pending = size - 1;
        peer.on('call', (call: MediaConnection) => {
          call.answer();
          call.once('stream', (stream) => void firstFrame(stream).then(() => --pending === 0 && resolve()));
        });
      });
      peer.on('connection', (connection: DataConnection) => connection.once('open', () => undefined));
      peers.forEach((other, otherIndex) => {
        if (otherIndex === index) return;
        if (index < otherIndex) peer.connect(other.id, { reliable: true, serialization: 'raw' });
        peer.call(other.id, streams[index]!);
      });
      return remoteStreams;
    });
    await Promise.all(seen);
    return performance.now() - startedAt;
  } finally {
    peers.forEach((peer) => peer.destroy());
    stopAll(streams);
  }
}

interface JoinSamples {
  readonly room: number[];
  readonly peerjs: number[];
}

/** Room and baseline take turns round by round, so drift lands on both alike. */
const runs = new Map<number, Promise<JoinSamples>>();
function measure(size: number): Promise<JoinSamples> {
  let run = runs.get(size);
  if (!run) {
    run = (async () => {
      const samples: JoinSamples = { room: [], peerjs: [] };
      // One unmeasured round of each warms up codecs and the signaling server.
      await roomRound(size);
      await peerjsRound(size);
      for (let round = 0; round < ROUNDS[size as (typeof SIZES)[number]]; round += 1) {
        samples.peerjs.push(await peerjsRound(size));
        samples.room.push(await roomRound(size));
      }
      return samples;
    })();
    runs.set(size, run);
  }
  return run;
}

export function cases(): BenchCase[] {
  return SIZES.flatMap((size): BenchCase[] => [
    { name: `room.peerjs-to-media.${size}`, unit: 'ms', better: 'lower', run: async () => (await measure(size)).peerjs },
    {
      name: `room.join-to-media.${size}`,
      unit: 'ms',
      better: 'lower',
      baseline: `room.peerjs-to-media.${size}`,
      goal: { max: 1.2 },
      run: async () => (await measure(size)).room,
    },
  ]);
}
