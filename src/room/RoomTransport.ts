/**
 * The seam between the Room contract and what serves it. `joinRoom` checks what every room
 * needs, then hands the join to the transport in `JoinOptions.transport`: the full mesh
 * (`meshTransport`, the default: every member connects to every other through a stock
 * PeerServer), or another that serves the same contract (a media server, for rooms bigger
 * than a mesh holds). Feature layers (audio, stage, recording) and the hub never learn which.
 */
import type { JoinOptions } from './JoinOptions.ts';
import type { Room } from './Room.ts';

export interface RoomTransport {
  /** What it is, for logs and errors: `'mesh'`. */
  readonly name: string;
  /**
   * Joins `roomId` at once and returns the room, which keeps every promise of the `Room`
   * contract: `self$` once joined, `peers$` replaying the roster, typed errors on `errors$`
   * and never thrown, everything released by `leave()`. Throws only for options it cannot
   * take (a `RangeError` or `TypeError`, before anything starts).
   *
   * @example
   * ```ts
   * declare const transport: RoomTransport;
   * const room = transport.join('jam', { name: 'Ada' });
   * room.leave();
   * ```
   */
  join(roomId: string, options: JoinOptions): Room;
}
