/**
 * The calls a member places, seen from outside its room. The Room API hands out members, not
 * connections, so a story that shows what each call's senders are set to makes the member's
 * PeerJS `Peer`s itself (`JoinOptions.createPeer`, there for tests and custom transports) and
 * notes the `RTCPeerConnection` of every call they place. Nothing else changes: the Peer is
 * made exactly as `joinRoom` would make it.
 */
import { Peer } from 'peerjs';
import type { PeerFactory } from '../../src/rtc/index.ts';

export interface PlacedCalls {
  /** For `JoinOptions.createPeer`. */
  readonly createPeer: PeerFactory;
  /**
   * The connection of the call this member sends its media to `remoteId` on: the newest open
   * one, a connected one first (while two links of a pair tie, there are two for a moment).
   */
  to(remoteId: string): RTCPeerConnection | undefined;
  /** Lets go of every connection noted; the room closes them, not this. */
  clear(): void;
}

interface Placed {
  readonly remoteId: string;
  readonly connection: RTCPeerConnection;
}

/**
 * @example
 * ```ts
 * const calls = placedCalls();
 * const room = joinRoom('jam', { name: 'Ada', stream, createPeer: calls.createPeer });
 * calls.to(boId)?.getSenders().map((sender) => sender.getParameters().encodings[0]?.maxBitrate);
 * ```
 */
export function placedCalls(): PlacedCalls {
  let placed: Placed[] = [];
  const createPeer: PeerFactory = (id, options) => {
    const peer = id === undefined ? new Peer(options) : new Peer(id, options);
    const call = peer.call.bind(peer);
    peer.call = (remoteId, stream, callOptions) => {
      const media = call(remoteId, stream, callOptions);
      // PeerJS makes the connection at once for a call it places, and forgets it on close:
      // hold it now. (It returns nothing when the Peer is already gone.)
      const connection = media?.peerConnection as RTCPeerConnection | null | undefined;
      if (connection) placed.push({ remoteId, connection });
      return media;
    };
    return peer;
  };
  const open = ({ connection }: Placed) => connection.connectionState !== 'closed';
  return {
    createPeer,
    to(remoteId) {
      placed = placed.filter(open);
      const toMember = placed.filter((entry) => entry.remoteId === remoteId).reverse();
      return (toMember.find((entry) => entry.connection.connectionState === 'connected') ?? toMember[0])?.connection;
    },
    clear() {
      placed = [];
    },
  };
}
