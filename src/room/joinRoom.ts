/**
 * The one imperative door of peerstage (docs/architecture.md): join a named room now, leave it later.
 */
import { assertJoinArguments } from './joinArguments.ts';
import type { JoinOptions } from './JoinOptions.ts';
import { meshTransport } from './meshTransport.ts';
import type { Room } from './Room.ts';

/**
 * Joins `roomId` at once: by default every member connects to every other (data channel, and
 * calls both ways when sharing a stream), on any stock PeerServer; `options.transport` puts
 * the room on another transport behind the same contract. `leave()` releases everything.
 * Throws only for bad arguments (see `assertJoinArguments`), and options the transport cannot take.
 *
 * @example
 * ```ts
 * const room = joinRoom('jam', { name: 'Ada', stream: createSyntheticStream({ label: 'Ada' }) });
 * room.peers$.subscribe((peers) => console.log(peers.map((peer) => peer.name)));
 * room.send({ text: 'hello' });
 * // later
 * room.leave();
 * ```
 */
export function joinRoom(roomId: string, options: JoinOptions = {}): Room {
  assertJoinArguments(roomId, options);
  return (options.transport ?? meshTransport).join(roomId, options);
}
