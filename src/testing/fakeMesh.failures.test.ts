import type { PeerOptions } from 'peerjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMesh, type MeshConnection, type MeshPeer } from './fakeMesh.ts';

const OPTIONS: PeerOptions = { host: 'fake-mesh.invalid', port: 9000, path: '/peerjs' };

describe('FakeMesh failures', () => {
  let mesh: FakeMesh;
  beforeEach(() => {
    vi.useFakeTimers();
    mesh = new FakeMesh();
  });
  afterEach(() => vi.useRealTimers());

  function peerOf(owner: string, id?: string): MeshPeer {
    mesh.peerFactory(owner)(id, OPTIONS);
    return mesh.peersOf(owner).at(-1) as MeshPeer;
  }

  /** What a dialing end went through: `open`, `close`. */
  function watch(connection: MeshConnection | undefined): string[] {
    const events: string[] = [];
    connection?.on('open', () => events.push('open'));
    connection?.on('close', () => events.push('close'));
    return events;
  }

  it('closes the next dials from one member to another before they open, then lets them through', async () => {
    const ada = peerOf('ada');
    const bob = peerOf('bob');
    await vi.advanceTimersByTimeAsync(1);
    const accepted: MeshConnection[] = [];
    bob.on('connection', (connection: MeshConnection) => accepted.push(connection));
    mesh.failNextDials('ada', 'bob', 2);

    const first = watch(ada.connect(bob.id, {}));
    const second = watch(ada.connect(bob.id, {}));
    await vi.advanceTimersByTimeAsync(5);
    expect([first, second, accepted]).toEqual([['close'], ['close'], []]);
    // Only that direction: bob's dial to ada goes through.
    const back = watch(bob.connect(ada.id, {}));
    const third = watch(ada.connect(bob.id, {}));
    await vi.advanceTimersByTimeAsync(5);
    expect([back, third, accepted.length]).toEqual([['open'], ['open'], 1]);
  });

  it('drops the connections between two members by their ends, not by an ID another member holds now', async () => {
    const ada = peerOf('ada');
    const bob = peerOf('bob');
    const bobDesk = peerOf('bob', 'desk');
    const cyd = peerOf('cyd');
    await vi.advanceTimersByTimeAsync(1);
    const toBob = ada.connect(bob.id, {}) as MeshConnection;
    const toOldDesk = cyd.connect('desk', {}) as MeshConnection;
    await vi.advanceTimersByTimeAsync(2);
    // The desk passes to ada: cyd dials it again, now held by ada.
    bobDesk.destroy();
    const adaDesk = peerOf('ada', 'desk');
    await vi.advanceTimersByTimeAsync(2);
    const toNewDesk = cyd.connect('desk', {}) as MeshConnection;
    await vi.advanceTimersByTimeAsync(2);
    expect(mesh.holder('desk')).toBe(adaDesk);
    expect([toOldDesk.closed, toNewDesk.open, toNewDesk.remote?.closed]).toEqual([true, true, false]);

    expect(mesh.connectionsBetween('cyd', 'bob')).toEqual([]);
    expect(mesh.connectionsBetween('cyd', 'ada')).toEqual([toNewDesk]);
    mesh.dropConnections('cyd', 'bob');
    expect(toNewDesk.closed).toBe(false);
    expect(mesh.connectionsBetween('ada', 'bob')).toEqual([toBob]);
    mesh.dropConnections('bob', 'ada');
    // Both ends at once, as a failed path.
    expect([toBob.closed, toBob.remote?.closed]).toEqual([true, true]);
    expect(toNewDesk.closed).toBe(false);
  });
});
