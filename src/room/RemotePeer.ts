/**
 * A member of the room as the others see it (docs/architecture.md): stable for as long as it stays.
 */
import type { Observable } from 'rxjs';
import type { ConnectionStats, ConnectionStatsOptions } from '../rtc/connectionStats.ts';
import type { VideoSize } from './splitUplink.ts';

/**
 * What the feature layers (analysis, stage, mixer) need of a member: who it is and its media.
 * Anything of this shape works with them, a room's `RemotePeer` or a test's stand-in.
 */
export interface MemberMedia {
  readonly id: string;
  readonly name?: string;
  /** The member's media, `null` before it arrives or when it shares none; replays the latest. */
  readonly stream$: Observable<MediaStream | null>;
  /**
   * Tells the member how large its video is shown here at most, in device pixels, so that it
   * sends no larger (its uplink goes to the others instead); `null`: at any size again. Layers
   * that draw video call it when there is one (the stage: a cube's face); a stand-in may leave
   * it out.
   */
  readonly showVideoAt?: (size: VideoSize | null) => void;
}

export interface RemotePeer extends MemberMedia {
  /**
   * The state of the connection to the member (of the call carrying its media, or of the data
   * link while there is none): replays the current state, then every change.
   */
  readonly connectionState$: Observable<RTCPeerConnectionState>;
  /** Round trip, bitrates and route of that connection, sampled while subscribed (default once a second). */
  stats(options?: ConnectionStatsOptions): Observable<ConnectionStats>;
  /**
   * Tells the member how large its video is shown here at most, in device pixels (rounded up),
   * so its call to this member sends no larger; `null`: at any size again. Told once per
   * change; throws a `RangeError` for a size below 1 x 1.
   *
   * @example
   * ```ts
   * const box = video.getBoundingClientRect();
   * peer.showVideoAt({ width: box.width * devicePixelRatio, height: box.height * devicePixelRatio });
   * ```
   */
  showVideoAt(size: VideoSize | null): void;
}
