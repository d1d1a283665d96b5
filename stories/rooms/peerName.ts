/**
 * How a story names a member: the name it chose, else its ID. Either way it came from that
 * member, so it is only ever put on the page as text.
 */
import type { RemotePeer } from '../../src/index.ts';

/**
 * @example
 * ```ts
 * peerName({ id: 'f3a…', name: 'Bo', stream$ }); // 'Bo'
 * ```
 */
export function peerName(peer: Pick<RemotePeer, 'id' | 'name'>): string {
  const name = peer.name?.trim();
  return name ? name : peer.id;
}
