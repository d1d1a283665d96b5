/**
 * What a room member's call says of itself in its PeerJS metadata: the room it belongs to,
 * and whether it carries the caller's link (see MemberCalls.ts). Calls from anywhere else
 * are answered with nothing and never called back.
 */
import type { IncomingCall } from '../rtc/IncomingCall.ts';

/**
 * Whether `incoming` carries its caller's link (the caller dialed it inside the call).
 *
 * @example
 * ```ts
 * import type { IncomingCall } from 'peerstage/rtc';
 * declare const incoming: IncomingCall;
 * if (carriesLink(incoming, 'jam')) incoming.answer(undefined, { channel: 'peerstage-room' });
 * ```
 */
export function carriesLink(incoming: IncomingCall, roomId: string): boolean {
  return isCallFromRoom(incoming, roomId) && (incoming.metadata as { link?: unknown }).link === true;
}

/**
 * Whether `incoming` says it is a call within room `roomId` (as this room's members' calls do).
 *
 * @example
 * ```ts
 * import type { IncomingCall } from 'peerstage/rtc';
 * declare const incoming: IncomingCall;
 * isCallFromRoom(incoming, 'jam'); // → true for a member of 'jam' calling
 * ```
 */
export function isCallFromRoom(incoming: IncomingCall, roomId: string): boolean {
  const metadata = incoming.metadata;
  return typeof metadata === 'object' && metadata !== null && 'room' in metadata && metadata.room === roomId;
}
