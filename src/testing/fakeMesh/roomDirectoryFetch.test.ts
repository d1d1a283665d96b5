import type { PeerOptions } from 'peerjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enterRoomDirectory } from '../../room/enterRoomDirectory.ts';
import { FAKE_SIGNALING, FakeMesh, type MeshPeer } from '../fakeMesh.ts';
import { meshRoomDirectory, roomDirectoryFetch } from './roomDirectoryFetch.ts';

const OPTIONS: PeerOptions = { host: 'fake-mesh.invalid', port: 9000, path: '/peerjs' };
const ROOM = 'a'.repeat(64);

describe('roomDirectoryFetch', () => {
  let mesh: FakeMesh;
  beforeEach(() => {
    vi.useFakeTimers();
    mesh = new FakeMesh();
  });
  afterEach(() => vi.useRealTimers());

  function peerOf(owner: string): MeshPeer {
    mesh.peerFactory(owner)(undefined, OPTIONS);
    return mesh.peersOf(owner).at(-1) as MeshPeer;
  }

  it("answers the room's own client with the test's listing, and anything else with a stock PeerServer's 404", async () => {
    const answer = vi.fn(() => ({ members: ['bob'], others: 1 }));
    const fetch = roomDirectoryFetch(answer);
    const request = { room: ROOM, lock: '', id: 'ada', token: 'token-ada' };
    expect(await enterRoomDirectory(FAKE_SIGNALING, request, fetch)).toEqual({ members: ['bob'], others: 1 });
    expect(answer).toHaveBeenCalledWith(request);
    expect((await fetch('http://fake-mesh.invalid:9000/peerjs/config')).status).toBe(404);
  });

  it("keeps the server's rule: those under the same lock who entered before and are still registered, and a count of the others", async () => {
    const [ada, bob, eve, cyd] = ['ada', 'bob', 'eve', 'cyd'].map(peerOf) as [MeshPeer, MeshPeer, MeshPeer, MeshPeer];
    await vi.advanceTimersByTimeAsync(1);
    const enter = meshRoomDirectory(mesh);
    const entering = (peer: MeshPeer, lock = '') => enter({ room: ROOM, lock, id: peer.id, token: `token-${peer.id}` });
    expect(await entering(ada)).toEqual({ members: [], others: 0 });
    expect(await entering(bob)).toEqual({ members: [ada.id], others: 0 });
    expect(await entering(eve, 'another-lock')).toEqual({ members: [], others: 2 });
    bob.destroy();
    expect(await entering(cyd)).toEqual({ members: [ada.id], others: 1 });
    // Entering again lists everyone there now.
    expect(await entering(ada)).toEqual({ members: [cyd.id], others: 1 });
  });
});
