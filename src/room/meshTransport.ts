/**
 * The full mesh as a room transport: the default of `joinRoom`.
 */
import type { Room } from './Room.ts';
import { RoomController } from './RoomController.ts';
import type { RoomTransport } from './RoomTransport.ts';

/**
 * Every member connects to every other: a data link each way and, sharing a stream, calls
 * both ways; members meet through any stock PeerServer (or peerstage's own, which keeps a
 * room directory). Takes every option of `JoinOptions`; rooms hold up to `maxMembers` (8).
 *
 * @example
 * ```ts
 * const room = joinRoom('jam', { name: 'Ada', transport: meshTransport }); // the same as leaving `transport` out
 * room.peers$.subscribe((peers) => console.log(peers.length));
 * ```
 */
export const meshTransport: RoomTransport = {
  name: 'mesh',
  join(roomId, options): Room {
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
  },
};
