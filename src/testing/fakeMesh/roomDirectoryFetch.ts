/**
 * The embedded server's room directory (src/server/roomDirectory.ts) as `fetch` answers it, for
 * rooms on a fake mesh: stub the global with it (`vi.stubGlobal('fetch', roomDirectoryFetch(answer))`)
 * and the room meets at the server's directory instead of a rendezvous ID. The answer is the
 * test's to choose ({@link meshRoomDirectory} keeps the server's rule); anything but a
 * directory request is a 404, as on a stock PeerServer.
 */
import { ROOM_DIRECTORY_PATH, type DirectoryListing, type DirectoryRequest } from '../../room/roomDirectoryWire.ts';
import type { FakeMesh } from '../fakeMesh.ts';

/** What the directory lists for one request (it may wait: the request waits with it). */
export type DirectoryAnswer = (request: DirectoryRequest) => DirectoryListing | Promise<DirectoryListing>;

export function roomDirectoryFetch(answer: DirectoryAnswer): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.method !== 'POST' || !url.endsWith(ROOM_DIRECTORY_PATH)) return new Response('Not Found', { status: 404 });
    const listing = await answer(JSON.parse(String(init.body)) as DirectoryRequest);
    return new Response(JSON.stringify(listing), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
}

/**
 * The server's rule on `mesh`: each member entering a room is listed the members under its
 * lock that entered before it and are still registered (the server forgets an ID when its
 * socket goes), and told how many others are there under another lock.
 */
export function meshRoomDirectory(mesh: FakeMesh): DirectoryAnswer {
  const rooms = new Map<string, Map<string, string>>();
  return ({ room: tag, lock, id }) => {
    const entries = rooms.get(tag) ?? new Map<string, string>();
    rooms.set(tag, entries);
    for (const memberId of entries.keys()) if (!mesh.holder(memberId)) entries.delete(memberId);
    entries.set(id, lock);
    const members = [...entries].filter(([memberId, memberLock]) => memberId !== id && memberLock === lock).map(([memberId]) => memberId);
    return { members, others: [...entries.values()].filter((memberLock) => memberLock !== lock).length };
  };
}
