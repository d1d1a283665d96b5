/**
 * The well-known PeerJS ID of a room on a stock PeerServer: whoever holds it answers
 * newcomers with the member list. PeerServer accepts only letters and digits with single `-`,
 * `_` or spaces between, so the room name is carried as hex of its UTF-8 bytes: any name maps
 * to a valid ID, one to one.
 *
 * A passphrase room meets at an ID derived from its admission key instead
 * ({@link keyedRendezvousId}): a stranger who knows only the room's name cannot find it, so
 * cannot squat it, nor be dialed by newcomers who would prove themselves to it first.
 */
import type { AdmissionKey } from './admission.ts';
import { isWellFormedUnicode } from './joinArguments.ts';

const PREFIX = 'peerstage-room-';

/**
 * @example
 * ```ts
 * rendezvousId('jam'); // → 'peerstage-room-6a616d'
 * ```
 */
export function rendezvousId(roomId: string): string {
  if (roomId.length === 0) throw new TypeError('a room needs a name');
  // UTF-8 has no lone surrogates: TextEncoder would map them all to U+FFFD, one room for many names.
  if (!isWellFormedUnicode(roomId)) throw new TypeError('a room name must be well-formed Unicode (no lone surrogates)');
  let hex = '';
  for (const byte of new TextEncoder().encode(roomId)) hex += byte.toString(16).padStart(2, '0');
  return PREFIX + hex;
}

/**
 * Where the room meets on a stock PeerServer: {@link rendezvousId} for a room without a
 * passphrase, else an ID derived from its admission key (and so from the passphrase and the
 * room's name), which only those who know the passphrase can work out.
 *
 * @example
 * ```ts
 * import { admissionKey } from './admission.ts';
 * await keyedRendezvousId('jam', null); // → 'peerstage-room-6a616d'
 * await keyedRendezvousId('jam', await admissionKey('jam', 'open sesame')); // → 'peerstage-room-k-…' (32 hex digits)
 * ```
 */
export async function keyedRendezvousId(roomId: string, key: AdmissionKey): Promise<string> {
  const open = rendezvousId(roomId);
  if (!key) return open;
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('peerstage-rendezvous'));
  let hex = '';
  for (const byte of new Uint8Array(signature).subarray(0, 16)) hex += byte.toString(16).padStart(2, '0');
  return `${PREFIX}k-${hex}`;
}
