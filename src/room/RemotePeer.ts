/**
 * A member of the room as the others see it (DESIGN.md): stable for as long as it stays.
 */
import type { Observable } from 'rxjs';
import type { ConnectionStats, ConnectionStatsOptions } from '../rtc/connectionStats.ts';

/**
 * What the feature layers (analysis, stage, mixer) need of a member: who it is and its media.
 * Anything of this shape works with them, a room's `RemotePeer` or a test's stand-in.
 */
export interface MemberMedia {
  readonly id: string;
  readonly name?: string;
  /** The member's media, `null` before it arrives or when it shares none; replays the latest. */
  readonly stream$: Observable<MediaStream | null>;
}

export interface RemotePeer extends MemberMedia {
  /**
   * The state of the connection to the member (of the call carrying its media, or of the data
   * link while there is none): replays the current state, then every change.
   */
  readonly connectionState$: Observable<RTCPeerConnectionState>;
  /** Round trip, bitrates and route of that connection, sampled while subscribed (default once a second). */
  stats(options?: ConnectionStatsOptions): Observable<ConnectionStats>;
}
