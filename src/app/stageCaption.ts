/**
 * Says in words who is on the stage: the canvas shows cubes, screen readers and tests read
 * this caption.
 */
import { map, Observable, tap } from 'rxjs';
import type { MemberMedia } from '../room/RemotePeer.ts';

/**
 * Keeps `caption` saying "On stage: <you>, <others...>" while subscribed.
 *
 * @example
 * ```ts
 * const caption = document.createElement('figcaption');
 * stageCaption(caption, 'Ada', room.peers$).subscribe();
 * ```
 */
export function stageCaption(caption: HTMLElement, selfName: string, peers$: Observable<readonly MemberMedia[]>): Observable<never> {
  return new Observable<never>((subscriber) =>
    peers$
      .pipe(
        map((peers) => [selfName, ...peers.map((peer) => peer.name ?? peer.id)]),
        tap((names) => (caption.textContent = `On stage: ${names.join(', ')}`)),
      )
      .subscribe({ error: (error: unknown) => subscriber.error(error) }),
  );
}
