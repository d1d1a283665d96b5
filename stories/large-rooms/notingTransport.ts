/**
 * A transport that notes which tracks a member shares, then joins as the one it wraps. A story
 * whose members each make their own synthetic stream learns from it which senders, among all
 * the page's connections, carry that member's media.
 */
import type { RoomTransport } from '../../src/room/index.ts';

export interface NotingTransport {
  readonly transport: RoomTransport;
  /** The IDs of the tracks of the stream the member last joined with (none before it joined). */
  tracks(): ReadonlySet<string>;
}

/**
 * @example
 * ```ts
 * const noting = notingTransport(meshTransport);
 * joinRoom('jam', { name: 'Ada', stream, transport: noting.transport });
 * noting.tracks().has(stream.getVideoTracks()[0].id); // true
 * ```
 */
export function notingTransport(inner: RoomTransport): NotingTransport {
  let tracks: ReadonlySet<string> = new Set();
  return {
    transport: {
      name: inner.name,
      join(roomId, options) {
        tracks = new Set(options.stream?.getTracks().map((track) => track.id));
        return inner.join(roomId, options);
      },
    },
    tracks: () => tracks,
  };
}
