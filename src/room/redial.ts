/**
 * When a newcomer tries again to reach a listed member it could not link with. Only newcomers
 * dial (see pairing.ts), so a pair whose one dial fails — a handshake that timed out on a
 * starved machine, a connection that closed before it opened — would otherwise stay apart
 * for as long as both remain in the room.
 */
import { ConnectionError } from '../rtc/errors.ts';
import { backoffPolicy, type ReconnectPolicy } from '../rtc/reconnectPolicy.ts';
import type { LinkEnd } from './LinkEvent.ts';

/** Four more tries, 0.5 to 4 s apart: a member that stays unreachable past that is reported. */
export const DEFAULT_REDIAL: ReconnectPolicy = backoffPolicy({ initialDelayMs: 500, maxDelayMs: 4_000, maxAttempts: 4 });

/**
 * Whether a failed dial is worth another: yes when the connection timed out, failed to
 * negotiate or closed before opening; no when the member is not registered any more
 * (`peer-unavailable`: it has left) or for anything that is not a connection failure.
 *
 * @example
 * ```ts
 * dialWorthRetrying(new ConnectionError('timeout', 'bo', 'bo did not answer')); // → true
 * dialWorthRetrying(new ConnectionError('peer-unavailable', 'bo', 'no such peer')); // → false
 * ```
 */
export function dialWorthRetrying(error: unknown): boolean {
  if (!(error instanceof ConnectionError)) return false;
  return (
    error.reason === 'timeout' ||
    error.reason === 'negotiation-failed' ||
    error.reason === 'closed' ||
    error.reason === 'signaling-unavailable'
  );
}

/**
 * Whether a link that ended may have lost a member that is still in the room, and is worth
 * dialing again by the side that dialed it: yes when its connection closed or fell silent,
 * mid-handshake or after; no when it was refused (asking again gets the same answer),
 * replaced by the pair's other link, said goodbye or was left.
 *
 * @example
 * ```ts
 * lostWithoutLeaving('silent'); // → true: dial again if the member still answers
 * lostWithoutLeaving('bye'); // → false: it left
 * ```
 */
export function lostWithoutLeaving(why: LinkEnd): boolean {
  return why === 'closed' || why === 'silent';
}
