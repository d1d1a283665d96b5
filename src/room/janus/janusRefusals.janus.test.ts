/**
 * What a Janus room says when it cannot be joined or kept, against a real server in real
 * browsers: each a typed error on `errors$`, never thrown; and a Janus restart survived.
 */
import { filter, firstValueFrom, type Observable, throwError, timeout, toArray } from 'rxjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { createSyntheticStream } from '../../media/createSyntheticStream.ts';
import { countVideoFrames } from '../../testing/mediaProbes.ts';
import type { JoinOptions } from '../JoinOptions.ts';
import { joinRoom } from '../joinRoom.ts';
import type { Room } from '../Room.ts';
import type { RoomError } from '../RoomError.ts';
import { janusTransport } from './janusTransport.ts';

const rooms: Room[] = [];
const streams: MediaStream[] = [];

afterEach(() => {
  for (const room of rooms.splice(0)) room.leave();
  for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
});

function join(roomId: string, name: string, options: JoinOptions = {}, url = inject('janusUrls')[1] ?? ''): Room {
  const room = joinRoom(roomId, { name, transport: janusTransport({ url }), ...options });
  rooms.push(room);
  return room;
}

const firstError = (room: Room): Promise<RoomError> => firstValueFrom(room.errors$.pipe(timeout(20_000)));
const othersIn = (room: Room, count: number) =>
  firstValueFrom(
    room.peers$.pipe(
      filter((peers) => peers.length === count),
      timeout({ first: 30_000, with: () => throwError(() => new Error(`no roster of ${count} others within 30 s`)) }),
    ),
  );

describe('refusals on Janus', () => {
  it('refuses a wrong passphrase as wrong-passphrase, and ends that room', async () => {
    const name = `pin-${Date.now()}`;
    const ada = join(name, 'ada', { passphrase: 'open sesame' });
    await othersIn(ada, 0);
    await firstValueFrom(ada.self$.pipe(timeout(20_000)));
    const bob = join(name, 'bob', { passphrase: 'guess' });
    const said = firstValueFrom(bob.errors$.pipe(toArray()));
    expect((await firstError(bob)).reason).toBe('wrong-passphrase');
    expect((await said).map((error) => error.reason)).toEqual(['wrong-passphrase']);
    expect(await firstValueFrom(ada.peers$)).toEqual([]);
  });

  it('admits the same passphrase, and never sends the passphrase itself', async () => {
    const sent: string[] = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data: string) {
      sent.push(String(data));
      send.call(this, data);
    } as typeof send;
    try {
      const name = `pin-ok-${Date.now()}`;
      const ada = join(name, 'ada', { passphrase: 'open sesame' });
      join(name, 'bob', { passphrase: 'open sesame' });
      expect((await othersIn(ada, 1)).map((peer) => peer.name)).toEqual(['bob']);
    } finally {
      WebSocket.prototype.send = send;
    }
    expect(sent.filter((frame) => frame.includes('"pin"')).length, 'joins and creates carry a pin').toBeGreaterThan(0);
    expect(sent.filter((frame) => frame.includes('open sesame'))).toEqual([]);
  });

  it('refuses a member past maxMembers as room-full', async () => {
    const name = `full-${Date.now()}`;
    const ada = join(name, 'ada', { maxMembers: 2 });
    join(name, 'bob', { maxMembers: 2 });
    await othersIn(ada, 1);
    const cyd = join(name, 'cyd', { maxMembers: 2 });
    expect((await firstError(cyd)).reason).toBe('room-full');
    expect((await othersIn(ada, 1)).map((peer) => peer.name)).toEqual(['bob']);
  });

  it('says a server that cannot be reached is signaling-unavailable, in words, and keeps trying', async () => {
    const room = join(`nowhere-${Date.now()}`, 'ada', {}, 'ws://10.201.0.1:9');
    const error = await firstError(room);
    expect(error.reason).toBe('signaling-unavailable');
    expect(error.message).toMatch(/Janus.*10\.201\.0\.1:9/);
  });
});

describe('a Janus restart', () => {
  it('is reported in words, and the members meet again with their media', async () => {
    const name = `restart-${Date.now()}`;
    const url = inject('janusUrls')[1] ?? '';
    const stream = (label: string) => {
      const made = createSyntheticStream({ label, width: 160, height: 120 });
      streams.push(made);
      return made;
    };
    const ada = join(name, 'ada', { stream: stream('ada') }, url);
    const bob = join(name, 'bob', { stream: stream('bob') }, url);
    const [bobSeen] = await othersIn(ada, 1);
    const adaId = (await firstValueFrom(ada.self$)).id;
    const bobId = bobSeen?.id;
    const lost = firstValueFrom(
      ada.errors$.pipe(timeout({ first: 30_000, with: () => throwError(() => new Error('no error within 30 s of the restart')) })),
    );
    await commands.restartJanus(1);
    const error = await lost;
    expect(error.reason).toBe('signaling-unavailable');
    expect(error.message).toMatch(/lost the Janus server .*joining again/);
    await othersIn(ada, 0);
    const [bobAgain] = await othersIn(ada, 1);
    if (!bobAgain) throw new Error('bob did not come back');
    expect(bobAgain.id, 'the same member, by its ID').toBe(bobId);
    expect((await othersIn(bob, 1))[0]?.id).toBe(adaId);
    const media = await firstValueFrom(
      (bobAgain.stream$ as Observable<MediaStream | null>).pipe(
        filter((seen): seen is MediaStream => seen !== null && seen.getVideoTracks().length > 0),
        timeout({ first: 30_000, with: () => throwError(() => new Error("no video of bob's within 30 s of meeting again")) }),
      ),
    );
    expect(await countVideoFrames(media, 1_000)).toBeGreaterThan(5);
  });
});
