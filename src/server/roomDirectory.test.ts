import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOM_DIRECTORY_PATH } from '../room/roomDirectoryWire.ts';
import { roomDirectory, type ClientRegistry, type RoomDirectory } from './roomDirectory.ts';

const ROOM = 'a'.repeat(64);
const OTHER_ROOM = 'b'.repeat(64);

/** Registered IDs and their tokens, as a PeerServer would hold them. */
class FakeClients implements ClientRegistry {
  readonly tokens = new Map<string, string>();
  readonly #listeners = new Set<(id: string) => void>();
  holds(id: string, token: string): boolean {
    return this.tokens.get(id) === token;
  }
  onLeave(listener: (id: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  register(id: string): { id: string; token: string } {
    this.tokens.set(id, `${id}-token`);
    return { id, token: `${id}-token` };
  }
  leave(id: string): void {
    this.tokens.delete(id);
    for (const listener of this.#listeners) listener(id);
  }
}

const servers: Server[] = [];
const directories: RoomDirectory[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) directory.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(limits?: Parameters<typeof roomDirectory>[1]) {
  const clients = new FakeClients();
  const directory = roomDirectory(clients, limits);
  directories.push(directory);
  const server = createServer((request, response) =>
    directory.middleware(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ROOM_DIRECTORY_PATH}`;
  const enter = async (body: unknown) => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { clients, directory, url, enter };
}

describe('roomDirectory', () => {
  it('lists each newcomer the members already in the room, and only those with its lock', async () => {
    const { clients, enter } = await serve();
    const ada = clients.register('ada');
    const bo = clients.register('bo');
    const eve = clients.register('eve');
    expect(await enter({ room: ROOM, lock: 'sesame', ...ada })).toEqual({ status: 200, body: { members: [], others: 0 } });
    expect(await enter({ room: ROOM, lock: 'sesame', ...bo })).toEqual({ status: 200, body: { members: ['ada'], others: 0 } });
    expect(await enter({ room: ROOM, lock: 'guess', ...eve })).toEqual({ status: 200, body: { members: [], others: 2 } });
    // Entering again (after a signaling outage) lists the others, never the member itself.
    expect(await enter({ room: ROOM, lock: 'sesame', ...ada })).toEqual({ status: 200, body: { members: ['bo'], others: 1 } });
  });

  it('refuses an ID entered without the token it was registered with', async () => {
    const { clients, directory, enter } = await serve();
    clients.register('ada');
    expect(await enter({ room: ROOM, lock: '', id: 'ada', token: 'guessed' })).toEqual({ status: 403, body: { error: 'not-registered' } });
    expect(await enter({ room: ROOM, lock: '', id: 'nobody', token: 'x' })).toMatchObject({ status: 403 });
    expect(directory.size).toBe(0);
  });

  it('forgets a member when its client leaves the signaling server', async () => {
    const { clients, directory, enter } = await serve();
    const ada = clients.register('ada');
    await enter({ room: ROOM, lock: '', ...ada });
    await enter({ room: OTHER_ROOM, lock: '', ...ada });
    clients.leave('ada');
    expect(directory.size).toBe(0);
    expect(await enter({ room: ROOM, lock: '', ...clients.register('bo') })).toEqual({ status: 200, body: { members: [], others: 0 } });
  });

  it('caps the entries of a room, the rooms of a client and the rooms in all, storing nothing it refuses', async () => {
    const { clients, directory, enter } = await serve({ entriesPerRoom: 2, roomsPerClient: 2, rooms: 4 });
    await enter({ room: ROOM, lock: '', ...clients.register('a1') });
    await enter({ room: ROOM, lock: '', ...clients.register('a2') });
    expect(await enter({ room: ROOM, lock: '', ...clients.register('a3') })).toEqual({ status: 429, body: { error: 'room-crowded' } });
    const roamer = clients.register('roamer');
    await enter({ room: '1'.repeat(64), lock: '', ...roamer });
    await enter({ room: '2'.repeat(64), lock: '', ...roamer });
    expect(await enter({ room: '3'.repeat(64), lock: '', ...roamer })).toEqual({ status: 429, body: { error: 'too-many-rooms' } });
    expect(await enter({ room: '4'.repeat(64), lock: '', ...clients.register('late') })).toMatchObject({ status: 200 });
    expect(await enter({ room: '5'.repeat(64), lock: '', ...clients.register('later') })).toEqual({
      status: 503,
      body: { error: 'directory-full' },
    });
    expect(directory.size).toBe(4);
    // A member already in a crowded room may still enter it again.
    expect(await enter({ room: ROOM, lock: '', id: 'a1', token: 'a1-token' })).toMatchObject({ status: 200 });
  });

  it('refuses malformed and oversized requests before reading them as a room', async () => {
    const { clients, directory, url, enter } = await serve();
    const ada = clients.register('ada');
    for (const body of [
      null,
      'x',
      { room: 'jam', lock: '', ...ada },
      { room: ROOM, lock: '<b>', ...ada },
      { room: ROOM, lock: '', ...ada, extra: 1 },
    ]) {
      expect(await enter(body), JSON.stringify(body)).toEqual({ status: 400, body: { error: 'malformed' } });
    }
    const huge = await fetch(url, { method: 'POST', body: 'x'.repeat(1_000_000) });
    expect(huge.status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
    expect(directory.size).toBe(0);
  });
});
