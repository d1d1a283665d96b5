/**
 * What a PeerJS `error` event on a Peer means for us. PeerJS emits every error on the Peer,
 * whatever its scope, and tells them apart only by `type`; how it then behaves (from
 * peerjs 1.5 `Peer._abort`): before the first `open` a fatal error destroys the Peer, after
 * it the Peer is only disconnected from the server and keeps its P2P connections.
 */
import { SignalingError, type SignalingErrorReason } from './errors.ts';

/** The shape of a PeerJS `PeerError` that we rely on. */
export interface PeerJsError {
  readonly type: string;
  readonly message: string;
}

export type PeerErrorMeaning =
  /** The session cannot go on: a retry would fail the same way (bad ID, ID taken, bad key). */
  | { readonly scope: 'session-fatal'; readonly error: SignalingError }
  /** The signaling server is out of reach for now; retrying later may work. */
  | { readonly scope: 'signaling-lost'; readonly error: SignalingError }
  /** A dial to `peerId` found nobody registered under that ID. */
  | { readonly scope: 'peer-unavailable'; readonly peerId: string }
  /** Something in one connection that PeerJS does not attribute (a WebRTC error). */
  | { readonly scope: 'connection'; readonly cause: PeerJsError };

const FATAL: Readonly<Record<string, SignalingErrorReason>> = {
  'browser-incompatible': 'browser-incompatible',
  'invalid-id': 'invalid-id',
  'invalid-key': 'invalid-key',
  'unavailable-id': 'id-taken',
  // The PeerJS cloud without TLS: no retry will change that.
  'ssl-unavailable': 'unreachable',
};

const LOST: Readonly<Record<string, SignalingErrorReason>> = {
  network: 'unreachable',
  'socket-error': 'unreachable',
  'socket-closed': 'unreachable',
  // "Could not get an ID from the server" (fetch failed), or the server's own ERROR message.
  'server-error': 'server-error',
  // Using a Peer while it is disconnected from the server: it is reconnecting.
  disconnected: 'unreachable',
};

/** PeerJS's message for an EXPIRE from the server: `Could not connect to peer <id>`. */
const PEER_UNAVAILABLE = /^Could not connect to peer (.+)$/;

/**
 * Classifies a PeerJS error by what it affects.
 *
 * @example
 * ```ts
 * peerJs.on('error', (error) => {
 *   const meaning = classifyPeerError(error);
 *   if (meaning.scope === 'peer-unavailable') console.warn(`${meaning.peerId} is not there`);
 * });
 * ```
 */
export function classifyPeerError(error: PeerJsError): PeerErrorMeaning {
  const fatal = FATAL[error.type];
  if (fatal) return { scope: 'session-fatal', error: new SignalingError(fatal, error.message, { cause: error }) };
  if (error.type === 'peer-unavailable') {
    const peerId = PEER_UNAVAILABLE.exec(error.message)?.[1];
    if (peerId !== undefined) return { scope: 'peer-unavailable', peerId };
    return { scope: 'connection', cause: error };
  }
  const lost = LOST[error.type];
  if (lost) {
    const reason = lost === 'server-error' && /could not get an id/i.test(error.message) ? 'unreachable' : lost;
    return { scope: 'signaling-lost', error: new SignalingError(reason, error.message || error.type, { cause: error }) };
  }
  return { scope: 'connection', cause: error };
}
