import { vi } from 'vitest';
import { FAKE_SIGNALING, FakeMesh, stockPeerServerFetch } from '../testing/fakeMesh.ts';
import { virtualTime } from '../testing/fakeMesh/virtualTime.ts';
import { describeRoomContract, type RoomWorld } from '../testing/roomContract.ts';
import { joinRoom } from './joinRoom.ts';
import { meshTransport } from './meshTransport.ts';

/** The mesh on a fake PeerJS network with a stock PeerServer, in virtual time. */
function fakeMeshWorld(): RoomWorld {
  vi.useFakeTimers();
  vi.stubGlobal('fetch', stockPeerServerFetch);
  const mesh = new FakeMesh();
  const time = virtualTime();
  return {
    join: (roomId, name, options) =>
      joinRoom(roomId, {
        name,
        signaling: FAKE_SIGNALING,
        iceServers: [],
        createPeer: mesh.peerFactory(name),
        transport: meshTransport,
        ...options,
      }),
    settle: () => time.advance(3_000),
    dispose: async () => {
      // Let goodbyes and hang-ups run out before the clock is real again.
      await time.advance(1_000);
      time.dispose();
      vi.unstubAllGlobals();
      vi.useRealTimers();
    },
  };
}

describeRoomContract('the mesh (a fake PeerJS network)', fakeMeshWorld);
