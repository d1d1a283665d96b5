/**
 * What a room is called on a Janus server: the VideoRoom/TextRoom room number its name maps
 * to, and the `pin` its passphrase maps to. Both are worked out by every member alone, so
 * members who share a name and a passphrase meet in the same room with the same pin.
 *
 * The server sees the pin (it checks it), so the pin is a slow key derived from the
 * passphrase, never the passphrase: what the server (or whoever reads its logs) learns costs
 * {@link KEY_ITERATIONS} rounds per guess. Its salt differs from the admission key's, so the
 * pin tells nothing about the keys a mesh room proves with. Whoever creates a room number first
 * sets its pin: a stranger who knows the name can squat the room (every member then hears
 * `wrong-passphrase`), unless the server restricts `create` (`admin_key`).
 */
import { KEY_ITERATIONS } from '../admission.ts';
import { isWellFormedUnicode } from '../joinArguments.ts';
import { MAX_ROOM_ID_LENGTH } from '../protocol.ts';

/**
 * Bits of SHA-256 a room number keeps: Janus's room numbers are JSON numbers, so they must be
 * safe integers (below 2^53); 52 bits leave a margin and are 13 whole hex digits.
 */
export const ROOM_NUMBER_BITS = 52;
/** Set before the name is hashed, so the room number is no hash of the bare name another scheme might use. */
const ROOM_NUMBER_PREFIX = 'peerstage:';
/** Set before the room's name in the pin's salt; not the admission key's (`peerstage-room:`). */
const PIN_SALT_PREFIX = 'peerstage-janus:';

/**
 * The Janus room number of the room named `roomId`: the first 52 bits of
 * SHA-256(`'peerstage:' + roomId`, UTF-8), as an integer from 1 to 2^52 − 1 (all 52 bits zero,
 * which no name is known to give, counts as 1: Janus picks a random room for 0).
 *
 * Throws a `TypeError` for an empty name or one that is not well-formed Unicode, a
 * `RangeError` for one longer than a room name may be.
 *
 * @example
 * ```ts
 * const room = await janusRoomNumber('jam'); // the same number for every member, on every machine
 * ```
 */
export async function janusRoomNumber(roomId: string): Promise<number> {
  assertRoomId('janusRoomNumber', roomId);
  const digest = new DataView(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ROOM_NUMBER_PREFIX + roomId)));
  // 32 bits, then the high 20 of the next 32; multiplying keeps it exact (JavaScript's shifts are 32-bit).
  const number = digest.getUint32(0) * 2 ** 20 + (digest.getUint32(4) >>> 12);
  return number === 0 ? 1 : number;
}

/**
 * The `pin` of `passphrase` in the room named `roomId`: base64url (no padding) of
 * PBKDF2-SHA-256(`passphrase`, salt `'peerstage-janus:' + roomId`, {@link KEY_ITERATIONS}
 * rounds, 256 bits), 43 characters. `null` without a passphrase (`undefined` or empty, as
 * for the admission key): such a room has no pin.
 *
 * Throws as {@link janusRoomNumber} does for a bad room name.
 *
 * @example
 * ```ts
 * const pin = await janusPin('jam', 'open sesame'); // sent to Janus in `create` and `join`
 * const none = await janusPin('jam', undefined); // → null
 * ```
 */
export async function janusPin(roomId: string, passphrase: string | undefined): Promise<string | null> {
  assertRoomId('janusPin', roomId);
  if (passphrase === undefined || passphrase === '') return null;
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(PIN_SALT_PREFIX + roomId), iterations: KEY_ITERATIONS },
    material,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}

function assertRoomId(caller: string, roomId: string): void {
  if (typeof roomId !== 'string') throw new TypeError(`${caller}: a room name must be a string, not ${typeof roomId}`);
  if (roomId.length === 0) throw new TypeError(`${caller}: a room needs a name`);
  // UTF-8 has no lone surrogates: TextEncoder would map them all to U+FFFD, one room for many names.
  if (!isWellFormedUnicode(roomId)) throw new TypeError(`${caller}: a room name must be well-formed Unicode (no lone surrogates)`);
  if (roomId.length > MAX_ROOM_ID_LENGTH) {
    throw new RangeError(`${caller}: a room name has at most ${MAX_ROOM_ID_LENGTH} characters, not ${roomId.length}`);
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
