/**
 * Typed errors of the RTC layer: the signaling session and each connection.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

/** Why the signaling session (the registration with the PeerServer) failed. */
export type SignalingErrorReason =
  /** The PeerServer could not be reached (or went away and did not come back). */
  | 'unreachable'
  /** The chosen ID is held by someone else. */
  | 'id-taken'
  /** The chosen ID has characters PeerServer refuses (letters, digits, `-`, `_`, spaces inside). */
  | 'invalid-id'
  /** The PeerServer refused the key. */
  | 'invalid-key'
  /** The PeerServer reported an error of its own (e.g. too many clients). */
  | 'server-error'
  /** This browser lacks WebRTC. */
  | 'browser-incompatible';

export class SignalingError extends PeerstageError<SignalingErrorReason> {
  constructor(reason: SignalingErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason, message, options);
  }
}

/** Why one data connection or call failed. */
export type ConnectionErrorReason =
  /** No peer with that ID is registered with the signaling server. */
  | 'peer-unavailable'
  /** It did not open within the time allowed. */
  | 'timeout'
  /** ICE or DTLS failed: the two browsers found no path to each other. */
  | 'negotiation-failed'
  /** It was used after it closed. */
  | 'closed'
  /** A message or transfer is larger than the limit. */
  | 'too-large'
  /** The remote sent bytes that are not a valid frame, or chunks that contradict each other. */
  | 'malformed'
  /** The remote sent binary data on a channel that takes JSON only (see `PeerSessionOptions.acceptTransfers`). */
  | 'unexpected-binary'
  /** The page already receives as many transfers, or bytes of them, as its budget allows (see `TransferBudget`). */
  | 'over-budget'
  /** The browser would not give the memory an incoming transfer needs. */
  | 'out-of-memory'
  /** The signaling session is not open, so no new connection can be made now. */
  | 'signaling-unavailable'
  /** PeerJS cannot do what was asked, e.g. add a kind of track the call did not start with. */
  | 'unsupported';

export class ConnectionError extends PeerstageError<ConnectionErrorReason> {
  /** The remote peer of the connection. */
  readonly peerId: string;

  constructor(reason: ConnectionErrorReason, peerId: string, message: string, options?: { cause?: unknown }) {
    super(reason, message, options);
    this.peerId = peerId;
  }
}
