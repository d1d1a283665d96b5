/**
 * What a member and the embedded server's room directory say to each other (see
 * `src/server/roomDirectory.ts`): one request to enter a room, one answer listing who is in
 * it. Both ends validate with the same schemas.
 *
 * The server never learns a room's name or passphrase: a room is the SHA-256 of its name
 * (`room`), and a passphrase room's members are grouped by a lock derived from the passphrase
 * (`lock`, see `directoryLock`): the directory lists a member only to those with the same lock.
 */
import * as v from 'valibot';

/** Under the signaling path: `/peerjs` + this. */
export const ROOM_DIRECTORY_PATH = '/peerstage/rooms';

/** Largest request body the server reads, in bytes (a request is about 250). */
export const MAX_DIRECTORY_REQUEST_BYTES = 1_024;

const peerId = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

export const directoryRequestSchema = v.strictObject({
  /** Hex SHA-256 of the room's name ({@link roomTag}). */
  room: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** Base64url lock of a passphrase room, `''` without a passphrase. */
  lock: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{0,43}$/)),
  /** The member's PeerJS ID and the token it registered it with: only its holder may enter it. */
  id: peerId,
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
});
export type DirectoryRequest = v.InferOutput<typeof directoryRequestSchema>;

export const directoryListingSchema = v.strictObject({
  /** The other members in the room under the same lock, oldest first. */
  members: v.pipe(v.array(peerId), v.maxLength(256)),
  /** How many are in the room under another lock (another passphrase, or none). */
  others: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type DirectoryListing = v.InferOutput<typeof directoryListingSchema>;

/**
 * The directory's name for a room: hex SHA-256 of its name.
 *
 * @example
 * ```ts
 * await roomTag('jam'); // → '5d6c…' (64 hex digits)
 * ```
 */
export async function roomTag(roomId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`peerstage-room|${roomId}`));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
