/**
 * A member's side of the embedded server's room directory (see `roomDirectoryWire.ts`):
 * enter the room, learn whom to dial. A stock PeerServer has no such route: then the room
 * falls back to meeting at its rendezvous ID.
 */
import * as v from 'valibot';
import type { SignalingOptions } from '../rtc/signalingOptions.ts';
import { directoryListingSchema, ROOM_DIRECTORY_PATH, type DirectoryListing, type DirectoryRequest } from './roomDirectoryWire.ts';
import { RoomError } from './RoomError.ts';

/** An answer longer than this is not a directory's (64 members' IDs take about 5 KiB). */
const MAX_ANSWER_CHARS = 64 * 1024;

/**
 * The directory's URL on the signaling server `signaling`.
 *
 * @example
 * ```ts
 * roomDirectoryUrl({ host: 'hub.local', port: 8443, path: '/peerjs', secure: true });
 * // → 'https://hub.local:8443/peerjs/peerstage/rooms'
 * ```
 */
export function roomDirectoryUrl(signaling: SignalingOptions): string {
  const path = (signaling.path ?? '/').replace(/\/+$/, '');
  const host = signaling.host.includes(':') ? `[${signaling.host}]` : signaling.host;
  return `${signaling.secure ? 'https' : 'http'}://${host}:${signaling.port}${path}${ROOM_DIRECTORY_PATH}`;
}

/**
 * Enters a room at the directory of `signaling`'s server: resolves with the members to dial,
 * or `null` when the server keeps no directory (a stock PeerServer). Fails with a
 * {@link RoomError} (`join-failed`) for anything else, which is worth trying again.
 *
 * @example
 * ```ts
 * import { signalingAtPageOrigin } from 'peerstage/rtc';
 * import { roomTag } from './roomDirectoryWire.ts';
 * declare const id: string, token: string; // this member's PeerJS ID, and the token it registered it with
 * const listing = await enterRoomDirectory(signalingAtPageOrigin(), { room: await roomTag('jam'), lock: '', id, token });
 * for (const member of listing?.members ?? []) session.connect(member).subscribe();
 * ```
 */
export async function enterRoomDirectory(
  signaling: SignalingOptions,
  request: DirectoryRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<DirectoryListing | null> {
  let response: Response;
  try {
    response = await fetchImpl(roomDirectoryUrl(signaling), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      cache: 'no-store',
    });
  } catch (cause) {
    throw new RoomError('join-failed', 'could not reach the room directory', { cause });
  }
  if (response.status === 404) return null;
  const text = await response.text();
  if (!response.ok) throw new RoomError('join-failed', `the room directory answered ${response.status} ${text.slice(0, 80)}`);
  const parsed = text.length <= MAX_ANSWER_CHARS ? v.safeParse(directoryListingSchema, parseJson(text)) : undefined;
  if (!parsed?.success) throw new RoomError('join-failed', 'the room directory answered something that is not a listing');
  return parsed.output;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
