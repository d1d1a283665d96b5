/**
 * What every room needs of `joinRoom`'s arguments, whatever its transport: checked before
 * anything starts, and thrown (a bad argument is the caller's bug: docs/conventions.md).
 */
import { assertIceTransportPolicy } from '../rtc/assertIceTransportPolicy.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from './protocol.ts';

/**
 * Throws a `TypeError` for an empty room name, one that is not well-formed Unicode (no member
 * could meet under it), or an `iceTransportPolicy` RTCPeerConnection would refuse; a
 * `RangeError` for a room name or member name longer than the protocol carries.
 *
 * @example
 * ```ts
 * assertJoinArguments('jam', { name: 'Ada' }); // fine
 * assertJoinArguments('', {}); // TypeError: a room needs a name
 * ```
 */
export function assertJoinArguments(roomId: string, options: JoinOptions): void {
  // A programming error, like a bad argument to RTCPeerConnection: thrown now, not later.
  assertIceTransportPolicy(options.iceTransportPolicy);
  if (roomId.length === 0) throw new TypeError('a room needs a name');
  // UTF-8 has no lone surrogates: TextEncoder would map them all to U+FFFD, one room for many names.
  if (!isWellFormedUnicode(roomId)) throw new TypeError('a room name must be well-formed Unicode (no lone surrogates)');
  if (roomId.length > MAX_ROOM_ID_LENGTH) throw new RangeError(`a room name has at most ${MAX_ROOM_ID_LENGTH} characters`);
  if ((options.name?.length ?? 0) > MAX_NAME_LENGTH) throw new RangeError(`a member name has at most ${MAX_NAME_LENGTH} characters`);
}

/**
 * Whether `text` has no lone surrogates (ES2024's `String.prototype.isWellFormed`).
 *
 * @example
 * ```ts
 * isWellFormedUnicode('jam 🎷'); // → true
 * isWellFormedUnicode('\uD800'); // → false
 * ```
 */
export function isWellFormedUnicode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return true;
}
