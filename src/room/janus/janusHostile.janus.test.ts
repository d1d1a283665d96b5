/**
 * A stranger on the Janus server speaking the raw protocol, not through the transport: what it
 * sends others is refused in words, and the room goes on.
 */
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { joinRoom } from '../joinRoom.ts';
import type { Room } from '../Room.ts';
import { openJanusSession } from './JanusSession.ts';
import { JanusSocket } from './JanusSocket.ts';
import { JanusTextRoom } from './JanusTextRoom.ts';
import { janusRoomNumber } from './janusRoomIdentity.ts';
import { janusTransport } from './janusTransport.ts';

const rooms: Room[] = [];
const sockets: JanusSocket[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.leave();
  for (const socket of sockets.splice(0)) socket.dispose();
});

describe('a stranger on the Janus server', () => {
  it("gets a message that is not JSON refused as malformed-message, naming it, and the others' messages still arrive", async () => {
    const url = inject('janusUrls')[0] ?? '';
    const name = `hostile-${Date.now()}`;
    const transport = janusTransport({ url });
    const ada = joinRoom(name, { name: 'ada', transport });
    const bob = joinRoom(name, { name: 'bob', transport });
    rooms.push(ada, bob);
    await firstValueFrom(
      ada.peers$.pipe(
        filter((peers) => peers.length === 1),
        timeout(20_000),
      ),
    );
    const socket = new JanusSocket(url);
    sockets.push(socket);
    const mallory = await JanusTextRoom.join(await openJanusSession(socket), {
      room: await janusRoomNumber(name),
      pin: null,
      username: '4242',
      display: '<b>mallory</b>',
      iceServers: [],
    });
    const refused = firstValueFrom(ada.errors$.pipe(timeout(10_000)));
    await mallory.send('{not json');
    const error = await refused;
    expect([error.reason, error.peerId]).toEqual(['malformed-message', '4242']);
    const arrived = firstValueFrom(ada.messages$.pipe(timeout(10_000)));
    bob.send({ text: 'still here' });
    expect((await arrived).data).toEqual({ text: 'still here' });
    mallory.close();
  });
});
