import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { ROOM_DIRECTORY_PATH } from '../room/roomDirectoryWire.ts';
import { attachSignaling, type AttachedSignaling } from './attachSignaling.ts';

let server: Server;
let signaling: AttachedSignaling;

async function listen(): Promise<string> {
  server = createServer((request, response) =>
    signaling.middleware(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  signaling = attachSignaling(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A PeerJS client's signaling socket, registered once the server says OPEN (or refused). */
async function register(address: string, id: string, token: string): Promise<{ socket: WebSocket; first: unknown }> {
  const socket = new WebSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=${id}&token=${token}`);
  const [data] = await once(socket, 'message');
  return { socket, first: JSON.parse(String(data)) };
}

afterEach(async () => {
  signaling.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('attachSignaling: clients', () => {
  it('knows who holds an ID, with which token, until its socket closes', async () => {
    const address = await listen();
    const left = vi.fn();
    signaling.clients.onLeave(left);
    const ada = await register(address, 'ada', 'ada-token');
    expect(ada.first).toEqual({ type: 'OPEN' });
    expect(signaling.clients.holds('ada', 'ada-token')).toBe(true);
    expect(signaling.clients.holds('ada', 'guess')).toBe(false);
    // Someone else asking for Ada's ID is refused, and takes nothing over.
    const thief = await register(address, 'ada', 'thief-token');
    expect(thief.first).toMatchObject({ type: 'ID-TAKEN' });
    expect(signaling.clients.holds('ada', 'thief-token')).toBe(false);
    ada.socket.close();
    await vi.waitFor(() => expect(left).toHaveBeenCalledWith('ada'));
    expect(signaling.clients.holds('ada', 'ada-token')).toBe(false);
    thief.socket.close();
  });

  it('takes a LEAVE without destination as the client going, and a new holder of its ID as someone else', async () => {
    const address = await listen();
    const left = vi.fn();
    signaling.clients.onLeave(left);
    const ada = await register(address, 'ada', 'ada-token');
    ada.socket.send(JSON.stringify({ type: 'LEAVE' }));
    await vi.waitFor(() => expect(left).toHaveBeenCalledWith('ada'));
    expect(signaling.clients.holds('ada', 'ada-token')).toBe(false);
    const next = await register(address, 'ada', 'next-token');
    expect(next.first).toEqual({ type: 'OPEN' });
    expect(signaling.clients.holds('ada', 'next-token')).toBe(true);
    ada.socket.close();
    next.socket.close();
  });

  it('lets a registered client enter a room at the directory, and forgets it when it goes', async () => {
    const address = await listen();
    const enter = async (id: string, token: string) => {
      const response = await fetch(`http://${address}/peerjs${ROOM_DIRECTORY_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ room: 'c'.repeat(64), lock: '', id, token }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const ada = await register(address, 'ada', 'ada-token');
    const bo = await register(address, 'bo', 'bo-token');
    expect(await enter('ada', 'ada-token')).toEqual({ status: 200, body: { members: [], others: 0 } });
    expect(await enter('ada', 'bo-token')).toMatchObject({ status: 403 });
    expect(await enter('bo', 'bo-token')).toEqual({ status: 200, body: { members: ['ada'], others: 0 } });
    ada.socket.close();
    await vi.waitFor(() => expect(signaling.clients.holds('ada', 'ada-token')).toBe(false));
    expect(await enter('bo', 'bo-token')).toEqual({ status: 200, body: { members: [], others: 0 } });
    bo.socket.close();
  });
});
