/**
 * A member of the room as the others see it (DESIGN.md): stable for as long as it stays.
 */
import type { Observable } from 'rxjs';

export interface RemotePeer {
  readonly id: string;
  readonly name?: string;
  /** The member's media, `null` before it arrives or when it shares none; replays the latest. */
  readonly stream$: Observable<MediaStream | null>;
}
