/**
 * Every connection one mesh member's PeerJS `Peer`s make or take: calls it places and answers,
 * data links it dials and accepts. The Room API hands out members, not connections, so the
 * story makes the member's Peers itself (`JoinOptions.createPeer`, exactly as `joinRoom` would)
 * and notes each PeerJS connection; reading them gives that member's own RTCPeerConnections,
 * even with the whole room in one page.
 */
import { Peer } from 'peerjs';
import type { PeerFactory } from '../../src/rtc/index.ts';

/** What PeerJS's connections share: the RTCPeerConnection under them (none until answered, none once closed). */
interface PeerJsConnection {
  readonly peerConnection: RTCPeerConnection | null | undefined;
}

export interface MemberConnections {
  /** For `JoinOptions.createPeer`. */
  readonly createPeer: PeerFactory;
  /** The member's RTCPeerConnections that are not closed, each once (a data link may ride inside a call's). */
  open(): RTCPeerConnection[];
  /** Lets go of everything noted; the room closes the connections, not this. */
  clear(): void;
}

/**
 * @example
 * ```ts
 * const connections = memberConnections();
 * const room = joinRoom('jam', { name: 'Ada', stream, createPeer: connections.createPeer });
 * connections.open().filter((pc) => pc.connectionState === 'connected').length; // 2 per other member
 * ```
 */
export function memberConnections(): MemberConnections {
  const noted = new Set<PeerJsConnection>();
  // A connection taken but not yet answered has no RTCPeerConnection: kept until it has had one.
  const hadOne = new WeakSet<PeerJsConnection>();
  const note = <C extends PeerJsConnection | undefined>(connection: C): C => {
    if (connection) noted.add(connection);
    return connection;
  };
  const createPeer: PeerFactory = (id, options) => {
    const peer = id === undefined ? new Peer(options) : new Peer(id, options);
    const call = peer.call.bind(peer);
    const connect = peer.connect.bind(peer);
    // PeerJS returns nothing from these once the Peer is gone.
    peer.call = (...args) => note(call(...args) as ReturnType<typeof call> | undefined) as ReturnType<typeof call>;
    peer.connect = (...args) => note(connect(...args) as ReturnType<typeof connect> | undefined) as ReturnType<typeof connect>;
    peer.on('call', note);
    peer.on('connection', note);
    return peer;
  };
  return {
    createPeer,
    open() {
      const open = new Set<RTCPeerConnection>();
      for (const connection of noted) {
        const pc = connection.peerConnection;
        if (pc) hadOne.add(connection);
        if (pc && pc.connectionState !== 'closed') open.add(pc);
        // PeerJS drops the RTCPeerConnection of a connection it closed: forget it too.
        else if (hadOne.has(connection)) noted.delete(connection);
      }
      return [...open];
    },
    clear() {
      noted.clear();
    },
  };
}
