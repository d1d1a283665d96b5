import type { PeerOptions } from 'peerjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { FakeMesh, type MeshConnection, type MeshPeer } from './fakeMesh.ts';

const OPTIONS: PeerOptions = { host: 'fake-mesh.invalid', port: 9000, path: '/peerjs' };

describe('FakeMesh', () => {
  let mesh: FakeMesh;
  beforeEach(() => {
    vi.useFakeTimers();
    mesh = new FakeMesh();
  });
  afterEach(() => vi.useRealTimers());

  /** A Peer of `owner`, with every event it emits logged as `event` or `error:type`. */
  function peerOf(owner: string, id?: string): { peer: MeshPeer; events: string[] } {
    mesh.peerFactory(owner)(id, OPTIONS);
    const peer = mesh.peersOf(owner).at(-1) as MeshPeer;
    const events: string[] = [];
    peer.on('open', () => events.push('open'));
    peer.on('disconnected', () => events.push('disconnected'));
    peer.on('close', () => events.push('close'));
    peer.on('error', (error: Error & { type: string }) => events.push(`error:${error.type}`));
    return { peer, events };
  }

  it('opens a Peer once registered, and refuses an ID that is taken as PeerJS does', async () => {
    const ada = peerOf('ada', 'room');
    const eve = peerOf('eve', 'room');
    await vi.advanceTimersByTimeAsync(1);
    expect(ada.events).toEqual(['open']);
    // Never opened: PeerJS emits the error, then destroys it.
    expect(eve.events).toEqual(['error:unavailable-id', 'disconnected', 'close']);
    expect(mesh.holder('room')).toBe(ada.peer);
  });

  it('connects two Peers: both ends open, text crosses, a close closes both', async () => {
    const ada = peerOf('ada');
    const bob = peerOf('bob');
    await vi.advanceTimersByTimeAsync(1);
    const accepted: MeshConnection[] = [];
    bob.peer.on('connection', (connection: MeshConnection) => accepted.push(connection));
    const dialing = ada.peer.connect(bob.peer.id, { label: 'chat' }) as MeshConnection;
    await vi.advanceTimersByTimeAsync(2);
    const answering = accepted[0] as MeshConnection;
    expect([dialing.open, answering.open, answering.peer, answering.label]).toEqual([true, true, ada.peer.id, 'chat']);
    // Both ends read the same two certificates, each from its own side.
    const ours = dtlsFingerprints(dialing.peerConnection as unknown as RTCPeerConnection);
    const theirs = dtlsFingerprints(answering.peerConnection as unknown as RTCPeerConnection);
    expect(theirs).toEqual({ local: ours?.remote, remote: ours?.local });

    const heard: unknown[] = [];
    answering.dataChannel.addEventListener('message', (event) => heard.push((event as MessageEvent).data));
    dialing.dataChannel.send('{"hi":1}');
    expect(heard).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(heard).toEqual(['{"hi":1}']);

    answering.close();
    expect(answering.dataChannel.readyState).toBe('closed');
    await vi.advanceTimersByTimeAsync(1);
    expect([dialing.closed, dialing.dataChannel.readyState]).toEqual([true, 'closed']);
  });

  it('reports a dial to an ID nobody holds after the server gives up on it', async () => {
    const ada = peerOf('ada');
    await vi.advanceTimersByTimeAsync(1);
    ada.peer.connect('nobody', {});
    await vi.advanceTimersByTimeAsync(4_999);
    expect(ada.events).toEqual(['open']);
    await vi.advanceTimersByTimeAsync(2);
    expect(ada.events).toEqual(['open', 'error:peer-unavailable']);
  });

  it('relays posts with the sender as src, and cuts a member off its server until restored', async () => {
    const ada = peerOf('ada');
    const bob = peerOf('bob');
    await vi.advanceTimersByTimeAsync(1);
    const received: unknown[] = [];
    bob.peer.socket.on('message', (message: unknown) => received.push(message));
    ada.peer.socket.send({ type: 'CANDIDATE', dst: bob.peer.id, payload: { x: 1 } });
    await vi.advanceTimersByTimeAsync(1);
    expect(received).toEqual([{ type: 'CANDIDATE', dst: bob.peer.id, payload: { x: 1 }, src: ada.peer.id }]);

    mesh.cutSignaling('ada');
    expect(ada.events).toEqual(['open', 'error:network', 'disconnected']);
    ada.peer.reconnect();
    await vi.advanceTimersByTimeAsync(1);
    expect(ada.events.slice(3)).toEqual(['error:network', 'disconnected']);
    mesh.restoreSignaling('ada');
    ada.peer.reconnect();
    await vi.advanceTimersByTimeAsync(1);
    expect(ada.events.slice(5)).toEqual(['open']);
    expect(mesh.holder(ada.peer.id)).toBe(ada.peer);
  });
});
