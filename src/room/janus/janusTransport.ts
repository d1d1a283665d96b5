/**
 * Rooms on a Janus server (an SFU): each member sends its media once, to the server, whatever
 * the room's size, and receives the others' from it. For rooms bigger than a mesh holds.
 */
import type { Room } from '../Room.ts';
import type { RoomTransport } from '../RoomTransport.ts';
import { JanusRoom } from './JanusRoom.ts';
import { janusServerFor } from './janusServerFor.ts';

export interface JanusTransportOptions {
  /**
   * The Janus server's WebSocket API (`ws:` or `wss:`; subprotocol `janus-protocol`), or
   * several servers' (each room then goes to one of them, the same for every member:
   * `janusServerFor`).
   */
  readonly url: string | readonly string[];
}

/**
 * A transport that puts rooms on the Janus VideoRoom at `options.url` (with the TextRoom of
 * the same number for messages). It takes `name`, `stream`, `passphrase` (sent to Janus only
 * as a derived pin), `maxMembers` (default 50), `iceServers` (default none), `uplinkKbps`
 * and `reconnect` from `JoinOptions`; the mesh's own options (`signaling`, `heartbeat`,
 * `redial`, `createPeer`) do not apply. Throws a `TypeError` for a URL that is not `ws:` or
 * `wss:`, or an empty list.
 *
 * @example
 * ```ts
 * const room = joinRoom('workshop', { name: 'Ada', stream, transport: janusTransport({ url: 'wss://example.org/janus/0' }) });
 * room.peers$.subscribe((peers) => console.log(`${peers.length} others`));
 * ```
 */
export function janusTransport(options: JanusTransportOptions): RoomTransport {
  const urls: readonly string[] = typeof options.url === 'string' ? [options.url] : options.url;
  if (!Array.isArray(urls) || urls.length === 0) throw new TypeError('janusTransport: url must be a ws: or wss: URL, or a list of them');
  for (const url of urls) {
    if (typeof url !== 'string' || !/^wss?:\/\/./i.test(url)) {
      throw new TypeError(`janusTransport: url must be a ws: or wss: URL, not ${JSON.stringify(url)}`);
    }
  }
  return {
    name: 'janus',
    join(roomId, joinOptions): Room {
      const room = new JanusRoom(roomId, janusServerFor(roomId, urls), joinOptions);
      room.start();
      return {
        self$: room.self$.asObservable(),
        peers$: room.peers$,
        messages$: room.messages$.asObservable(),
        errors$: room.errors$.asObservable(),
        uplinkKbps$: room.uplinkKbps$.asObservable(),
        send: (data, to) => room.send(data, to),
        replaceTrack: (track) => room.replaceTrack(track),
        leave: () => room.leave(),
      };
    },
  };
}
