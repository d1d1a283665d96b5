/**
 * JanusSubscription against a real Janus: a feed that went before it could be subscribed to
 * (its member left meanwhile) costs nothing but itself — the others in the same request come.
 */
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSyntheticStream } from '../../media/createSyntheticStream.ts';
import { joinRoom } from '../joinRoom.ts';
import type { Room } from '../Room.ts';
import { openJanusSession } from './JanusSession.ts';
import { JanusSocket } from './JanusSocket.ts';
import { JanusSubscription } from './JanusSubscription.ts';
import { janusRoomNumber } from './janusRoomIdentity.ts';
import { janusTransport } from './janusTransport.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('JanusSubscription', () => {
  it('subscribes to the feeds still there when one in the same request has gone, and says nothing of it', async () => {
    const url = inject('janusUrls')[0] ?? '';
    const name = `gone-feed-${Date.now()}`;
    const stream = createSyntheticStream({ label: 'bob', width: 160, height: 120 });
    const transport = janusTransport({ url });
    const ada: Room = joinRoom(name, { name: 'ada', transport });
    const bob: Room = joinRoom(name, { name: 'bob', stream, transport });
    cleanups.push(
      () => ada.leave(),
      () => bob.leave(),
      () => {
        for (const track of stream.getTracks()) track.stop();
      },
    );
    const [bobSeen] = await firstValueFrom(
      ada.peers$.pipe(
        filter((peers) => peers.length === 1),
        timeout(20_000),
      ),
    );
    if (!bobSeen) throw new Error('no bob');
    await firstValueFrom(bobSeen.stream$.pipe(filter(Boolean), timeout(20_000)));

    const socket = new JanusSocket(url);
    cleanups.push(() => socket.dispose());
    const subscription = new JanusSubscription(await openJanusSession(socket), {
      room: await janusRoomNumber(name),
      pin: null,
      privateId: undefined,
      iceServers: [],
    });
    cleanups.push(() => subscription.close());
    const failures: unknown[] = [];
    subscription.failures$.subscribe((failure) => failures.push(failure));
    const media = firstValueFrom(
      subscription.media$.pipe(
        filter(({ stream: shown }) => shown !== null),
        timeout(20_000),
      ),
    );
    subscription.add([
      { id: 4_242_424_242, layers: 1 },
      { id: Number(bobSeen.id), layers: 1 },
    ]);
    expect((await media).feed).toBe(Number(bobSeen.id));
    expect(failures).toEqual([]);
  });
});
