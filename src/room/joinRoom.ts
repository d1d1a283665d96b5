/**
 * The one imperative door of peerstage (docs/architecture.md): join a named room now, leave it later.
 */
import type { JoinOptions } from './JoinOptions.ts';
import type { Room } from './Room.ts';
import { RoomController } from './RoomController.ts';

/**
 * Joins `roomId` at once: every member connects to every other (data channel, and calls both
 * ways when sharing a stream). Works on any stock PeerServer. `leave()` releases everything.
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
  const controller = new RoomController(roomId, options);
  controller.start();
  return {
    self$: controller.self.asObservable(),
    peers$: controller.peers.asObservable(),
    messages$: controller.messages.asObservable(),
    errors$: controller.errors.asObservable(),
    uplinkKbps$: controller.uplink.effectiveKbps$,
    send: (data, to) => controller.send(data, to),
    replaceTrack: (track) => controller.replaceTrack(track),
    leave: () => controller.leave(),
  };
}
