/**
 * The well-known PeerJS ID of a room: whoever holds it answers newcomers with the member list.
 * PeerServer accepts only letters and digits with single `-`, `_` or spaces between, so the
 * room name is carried as hex of its UTF-8 bytes: any name maps to a valid ID, one to one.
 */

const PREFIX = 'peerstage-room-';

/**
 * @example
 * ```ts
 * rendezvousId('jam'); // → 'peerstage-room-6a616d'
 * ```
 */
export function rendezvousId(roomId: string): string {
  if (roomId.length === 0) throw new TypeError('a room needs a name');
  let hex = '';
  for (const byte of new TextEncoder().encode(roomId)) hex += byte.toString(16).padStart(2, '0');
  return PREFIX + hex;
}
