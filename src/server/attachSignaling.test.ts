import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachSignaling, type AttachedSignaling } from './attachSignaling.ts';

let server: Server;
let signaling: AttachedSignaling;

async function listen(): Promise<string> {
  server = createServer((request, response) =>
    signaling.middleware(request, response, () => {
      response.statusCode = 404;
      response.end('not signaling');
    }),
  );
  signaling = attachSignaling(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function openSocket(url: string): Promise<{ socket: WebSocket; first: unknown }> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve({ socket, first: JSON.parse(String(data)) }));
    socket.once('error', reject);
  });
}

afterEach(async () => {
  signaling.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('attachSignaling', () => {
  it('answers as a PeerServer at /peerjs and hands out ids', async () => {
    const address = await listen();
    const info = await (await fetch(`http://${address}/peerjs`)).json();
    expect(info).toMatchObject({ name: 'PeerJS Server' });
    const id = await (await fetch(`http://${address}/peerjs/peerjs/id`)).text();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`http://${address}/elsewhere`)).status).toBe(404);
  });

  it('registers a client over its WebSocket and relays to another', async () => {
    const address = await listen();
    const url = (id: string) => `ws://${address}/peerjs/peerjs?key=peerjs&id=${id}&token=t-${id}`;
    const alice = await openSocket(url('alice'));
    const bob = await openSocket(url('bob'));
    expect(alice.first).toEqual({ type: 'OPEN' });
    expect(bob.first).toEqual({ type: 'OPEN' });

    const relayed = once(bob.socket, 'message');
    alice.socket.send(JSON.stringify({ type: 'OFFER', dst: 'bob', payload: { sdp: 'x' } }));
    expect(JSON.parse(String((await relayed)[0]))).toMatchObject({ type: 'OFFER', src: 'alice', payload: { sdp: 'x' } });
    alice.socket.close();
    bob.socket.close();
  });

  it('leaves other upgrade paths to their own listeners (Vite HMR keeps its socket)', async () => {
    const address = await listen();
    let claimedElsewhere = false;
    server.on('upgrade', (request, socket) => {
      if (request.url === '/hmr') {
        claimedElsewhere = true;
        socket.destroy();
      }
    });
    const socket = new WebSocket(`ws://${address}/hmr`);
    await once(socket, 'error').catch(() => undefined);
    expect(claimedElsewhere).toBe(true);
  });

  it('shares one PeerServer when attached twice to one server, closing it with its last user', async () => {
    const address = await listen();
    const second = attachSignaling(server);
    expect(second.path).toBe(signaling.path);
    const alice = await openSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=alice&token=t`);
    const bob = await openSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=bob&token=t`);
    expect([alice.first, bob.first]).toEqual([{ type: 'OPEN' }, { type: 'OPEN' }]);

    second.close();
    expect(alice.socket.readyState).toBe(WebSocket.OPEN);
    const closed = once(alice.socket, 'close');
    signaling.close();
    await closed;
  });

  it('close() drops every signaling socket and stops its timers', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timeouts();
    const address = await listen();
    expect(timeouts()).toBeGreaterThan(before); // the PeerServer's two housekeeping loops
    const { socket } = await openSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=a&token=t`);
    const closed = once(socket, 'close');
    signaling.close();
    await closed;
    // The ws sockets' own close timers go a moment after 'close': wait for them, not for the
    // PeerServer's loops, which would keep the count up for good.
    await expect.poll(timeouts).toBe(before);
    signaling.close(); // idempotent
  });
});
