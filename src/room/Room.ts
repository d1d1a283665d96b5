/**
 * A joined room (docs/architecture.md's contract).
 */
import type { Observable } from 'rxjs';
import type { RemotePeer } from './RemotePeer.ts';
import type { RoomError } from './RoomError.ts';

export interface RoomMessage {
  readonly from: string;
  readonly data: unknown;
  /** Sent to this member alone. */
  readonly direct?: boolean;
}

export interface Room {
  /** Emits once joined. */
  readonly self$: Observable<{ readonly id: string; readonly name?: string }>;
  /** The roster without self; replays the current roster. */
  readonly peers$: Observable<readonly RemotePeer[]>;
  readonly messages$: Observable<RoomMessage>;
  /** Typed, never thrown at the caller. */
  readonly errors$: Observable<RoomError>;
  /**
   * The uplink budget in force, kbit/s, now and at every change: `JoinOptions.uplinkKbps`, or
   * less while this member's link carries less (fitUplink.ts; browsers that tell their
   * congestion control's estimate: Chromium). `Infinity`: the browser's own encodings.
   * Completes on leave.
   */
  readonly uplinkKbps$: Observable<number>;
  /** To everyone, or to one member. */
  send(data: unknown, to?: string): void;
  /**
   * Sends `track` in place of the shared track of its kind, to everyone, without new calls
   * (a camera switched for a screen and back). The room does not stop the track it replaces.
   * Joining without a track of that kind, it has nothing to replace: `RoomError('media-unsupported')`.
   */
  replaceTrack(track: MediaStreamTrack): void;
  /** Idempotent; releases everything. */
  leave(): void;
}
