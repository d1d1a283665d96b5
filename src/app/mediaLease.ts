/**
 * Media passed from one owner to the next without a gap: the join preview's camera goes on
 * into the room, so there is no second permission prompt and no camera light flashing off and
 * on. Whoever holds the lease owns the tracks and must release it.
 */
import { Observable, type Subscription } from 'rxjs';
import type { LocalMedia } from './localMedia.ts';

export interface MediaLease {
  readonly local: LocalMedia;
  /** Emits `local` once; unsubscribing releases the lease (as {@link MediaLease.release}). */
  readonly media$: Observable<LocalMedia>;
  /** Stops every track (through the subscription that acquired them). Idempotent. */
  release(): void;
}

/**
 * The lease of `local`, whose tracks `acquired` (the subscription that made them) stops.
 *
 * @example
 * ```ts
 * import { localMedia } from './localMedia.ts';
 * let lease: MediaLease | undefined;
 * const acquired = localMedia('camera', 'Ada').subscribe((local) => (lease = mediaLease(local, acquired)));
 * lease?.media$.subscribe(({ stream }) => console.log('the room gets', stream));
 * ```
 */
export function mediaLease(local: LocalMedia, acquired: Subscription): MediaLease {
  const release = () => acquired.unsubscribe();
  return {
    local,
    media$: new Observable<LocalMedia>((subscriber) => {
      subscriber.next(local);
      return release;
    }),
    release,
  };
}
