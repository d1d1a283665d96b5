/**
 * The embedded server's room directory: where members of a room meet, kept by the server
 * itself rather than by a member holding a well-known PeerJS ID (which anyone who knows the
 * room's name could take first, and then answer nothing, or lie).
 *
 * A member enters a room with its own PeerJS ID and the token it registered it with, so
 * nobody can enter anyone else's ID; it stays listed exactly as long as its signaling socket
 * lives. The answer lists the others under the same lock (see `src/room/roomDirectoryWire.ts`):
 * the member dials them, and each pair's handshake decides admission, as on any server.
 *
 * Caps, all checked before anything is stored: a request body of 1 KiB, entries per room,
 * rooms per client, rooms in all.
 */
import type { ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as v from 'valibot';
import {
  directoryRequestSchema,
  MAX_DIRECTORY_REQUEST_BYTES,
  ROOM_DIRECTORY_PATH,
  type DirectoryListing,
  type DirectoryRequest,
} from '../room/roomDirectoryWire.ts';
import type { Middleware } from './middleware.ts';

/** Who holds which PeerJS ID right now, as the PeerServer accepted them. */
export interface ClientRegistry {
  /** Whether `id` is registered right now by the client holding `token`. */
  holds(id: string, token: string): boolean;
  /** Calls `listener` with each ID whose client goes; returns the remover. */
  onLeave(listener: (id: string) => void): () => void;
}

export interface RoomDirectoryLimits {
  /** Entries one room holds, all locks together: several times any mesh's size. */
  readonly entriesPerRoom: number;
  /** Rooms one client may be in at once. */
  readonly roomsPerClient: number;
  /** Rooms the directory holds in all. */
  readonly rooms: number;
}

export const DEFAULT_ROOM_DIRECTORY_LIMITS: RoomDirectoryLimits = { entriesPerRoom: 64, roomsPerClient: 4, rooms: 10_000 };

export interface RoomDirectory {
  /** Answers `POST <signaling path>/peerstage/rooms`; mount it at the signaling path. */
  readonly middleware: Middleware;
  /** How many rooms hold anyone (for tests and health checks). */
  readonly size: number;
  /** Stops listening for clients leaving and forgets every room. */
  close(): void;
}

/**
 * A room directory over `clients`.
 *
 * @example
 * ```ts
 * import { attachSignaling } from './attachSignaling.ts';
 * const signaling = attachSignaling(server);
 * const directory = roomDirectory(signaling.clients);
 * app.use('/peerjs', directory.middleware); // before the PeerServer's own routes
 * ```
 */
export function roomDirectory(clients: ClientRegistry, limits: RoomDirectoryLimits = DEFAULT_ROOM_DIRECTORY_LIMITS): RoomDirectory {
  /** Room tag → member ID → lock, in the order they entered. */
  const rooms = new Map<string, Map<string, string>>();
  /** Member ID → the rooms it is in. */
  const memberships = new Map<string, Set<string>>();

  const forget = (id: string) => {
    for (const tag of memberships.get(id) ?? []) {
      const room = rooms.get(tag);
      room?.delete(id);
      if (room?.size === 0) rooms.delete(tag);
    }
    memberships.delete(id);
  };
  const removeListener = clients.onLeave(forget);

  const enter = ({ room: tag, lock, id, token }: DirectoryRequest): { status: number; body: DirectoryListing | { error: string } } => {
    if (!clients.holds(id, token)) return { status: 403, body: { error: 'not-registered' } };
    const room = rooms.get(tag);
    const joined = memberships.get(id);
    if (!room?.has(id)) {
      if (!room && rooms.size >= limits.rooms) return { status: 503, body: { error: 'directory-full' } };
      if (room && room.size >= limits.entriesPerRoom) return { status: 429, body: { error: 'room-crowded' } };
      if (joined && joined.size >= limits.roomsPerClient) return { status: 429, body: { error: 'too-many-rooms' } };
    }
    const entries = room ?? new Map<string, string>();
    rooms.set(tag, entries);
    entries.set(id, lock);
    memberships.set(id, (joined ?? new Set()).add(tag));
    const members: string[] = [];
    let others = 0;
    for (const [memberId, memberLock] of entries) {
      if (memberId === id) continue;
      if (memberLock === lock) members.push(memberId);
      else others += 1;
    }
    return { status: 200, body: { members, others } };
  };

  const router = express.Router();
  // Members on a page of another origin may use this server for signaling: the token in the
  // body, not a cookie, is what authorises, so any origin may ask.
  router.use(ROOM_DIRECTORY_PATH, (_request, response, next) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    next();
  });
  router.options(ROOM_DIRECTORY_PATH, (_request, response) => {
    response.setHeader('Access-Control-Allow-Methods', 'POST');
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    response.statusCode = 204;
    response.end();
  });
  router.post(
    ROOM_DIRECTORY_PATH,
    // Whatever type the body claims: past the limit it is refused as it arrives, never buffered.
    express.json({ limit: MAX_DIRECTORY_REQUEST_BYTES, type: () => true, strict: false }),
    (request: Request, response: Response) => {
      const parsed = v.safeParse(directoryRequestSchema, request.body);
      if (!parsed.success) return reply(response, 400, { error: 'malformed' });
      const { status, body } = enter(parsed.output);
      reply(response, status, body);
    },
  );
  router.all(ROOM_DIRECTORY_PATH, (_request, response) => reply(response, 405, { error: 'method-not-allowed' }));
  router.use(ROOM_DIRECTORY_PATH, (error: { status?: number }, _request: Request, response: Response, _next: NextFunction) => {
    if (error.status === 413) reply(response, 413, { error: 'too-large' });
    else reply(response, 400, { error: 'malformed' });
  });
  // An express router takes plain Node requests and adds its own fields as it handles them.
  const middleware: Middleware = (request, response, next) => router(request as Request, response as Response, next);

  return {
    middleware,
    get size() {
      return rooms.size;
    },
    close() {
      removeListener();
      rooms.clear();
      memberships.clear();
    },
  };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
}
