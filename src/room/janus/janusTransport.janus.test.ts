/**
 * The Room contract on a real Janus server (tools/vitestJanusSetup.ts starts it inside the test
 * network's namespace), in real browsers: the same tests the mesh passes.
 */
import { inject } from 'vitest';
import { describeRoomContract, type RoomWorld } from '../../testing/roomContract.ts';
import { joinRoom } from '../joinRoom.ts';
import { janusTransport } from './janusTransport.ts';

let worlds = 0;

/** Rooms on the first Janus server, under names no other test uses (a Janus room outlives its members). */
function janusWorld(): RoomWorld {
  const prefix = `contract-${Date.now()}-${++worlds}-`;
  const transport = janusTransport({ url: inject('janusUrls')[0] ?? '' });
  return {
    join: (roomId, name, options) => joinRoom(prefix + roomId, { name, transport, ...options }),
    settle: () => new Promise((resolve) => setTimeout(resolve, 2_500)),
    dispose: () => new Promise((resolve) => setTimeout(resolve, 200)),
  };
}

describeRoomContract('Janus', janusWorld);
