/**
 * Rooms spread over several Janus servers (the janus layers' two): every member of a room
 * works out the same server (janusServerFor), so members given the same list meet, and rooms
 * land on both servers — asked of each server itself.
 */
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { joinRoom } from '../joinRoom.ts';
import type { Room } from '../Room.ts';
import { VIDEOROOM_PLUGIN } from './JanusError.ts';
import { openJanusSession } from './JanusSession.ts';
import { JanusSocket } from './JanusSocket.ts';
import { janusRoomNumber } from './janusRoomIdentity.ts';
import { janusServerFor } from './janusServerFor.ts';
import { janusTransport } from './janusTransport.ts';

const rooms: Room[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.leave();
});

/** Whether the server at `url` holds the VideoRoom of `roomId` (asked over a socket of the test's own). */
async function holds(url: string, roomId: string): Promise<boolean> {
  const socket = new JanusSocket(url);
  try {
    const handle = await (await openJanusSession(socket)).attach(VIDEOROOM_PLUGIN);
    const { data } = await handle.request({ request: 'exists', room: await janusRoomNumber(roomId) });
    return data.exists === true;
  } finally {
    socket.dispose();
  }
}

describe('rooms over two Janus servers', () => {
  it('puts each room on the server the map names, and rooms on both', async () => {
    const urls = inject('janusUrls');
    const transport = janusTransport({ url: urls });
    // Fixed names (one set per browser, whose runs share the servers), so the spread is the same every run.
    const browser = navigator.userAgent.includes('Firefox') ? 'firefox' : 'chromium';
    const names = Array.from({ length: 8 }, (_, index) => `spread-${browser}-${index}`);
    for (const name of names) rooms.push(joinRoom(name, { name: 'ada', transport }));
    await Promise.all(rooms.map((room) => firstValueFrom(room.self$.pipe(timeout(20_000)))));
    const where = await Promise.all(names.map(async (name) => Promise.all(urls.map((url) => holds(url, name)))));
    for (const [index, name] of names.entries()) {
      expect(where[index], name).toEqual(urls.map((url) => url === janusServerFor(name, urls)));
    }
    for (const [server] of urls.entries())
      expect(where.filter((held) => held[server]).length, `rooms on server ${server}`).toBeGreaterThan(0);
  });

  it('brings members given the list in either order together', async () => {
    const urls = inject('janusUrls');
    const name = `together-${Date.now()}`;
    const ada = joinRoom(name, { name: 'ada', transport: janusTransport({ url: urls }) });
    const bob = joinRoom(name, { name: 'bob', transport: janusTransport({ url: [...urls].reverse() }) });
    rooms.push(ada, bob);
    const peers = await firstValueFrom(
      ada.peers$.pipe(
        filter((listed) => listed.length === 1),
        timeout(20_000),
      ),
    );
    expect(peers.map((peer) => peer.name)).toEqual(['bob']);
  });
});
