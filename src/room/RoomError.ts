/**
 * What a room tells its user on `errors$`: something to know or act on. A member leaving is
 * not one of these; it is a roster change.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

export type RoomErrorReason =
  /** A member sent something that is not a valid room message. The room goes on. */
  | 'malformed-message'
  /** A message is larger than the room's limit (sent or received). */
  | 'message-too-large'
  /** A valid envelope of a kind or version this member does not know. */
  | 'unknown-message'
  /** This member could not prove the passphrase (or the room has one and none was given). */
  | 'wrong-passphrase'
  /** A member that tried to join could not prove the passphrase; it was not admitted. */
  | 'admission-refused'
  /** The room has as many members as it allows. */
  | 'room-full'
  /** The signaling server cannot be reached; the room keeps its links and keeps trying. */
  | 'signaling-unavailable'
  /** The room could not be joined or kept (e.g. the signaling server refused this member). */
  | 'join-failed'
  /** A message could not be delivered to a member. */
  | 'send-failed'
  /** A listed member could not be reached, after the tries the redial policy allows. */
  | 'connection-failed'
  /** What was shared cannot be switched that way (e.g. a video track, having joined with audio only). */
  | 'media-unsupported';

export class RoomError extends PeerstageError<RoomErrorReason> {
  /** The member concerned, when there is one. */
  readonly peerId: string | undefined;

  constructor(reason: RoomErrorReason, message: string, options?: { cause?: unknown; peerId?: string }) {
    super(reason, message, options);
    this.peerId = options?.peerId;
  }
}
