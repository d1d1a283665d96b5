/**
 * The building block of per-member features (analysers, cubes, the recorder's mixer): run an
 * inner Observable for each member for exactly as long as it is in the roster.
 */
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { MemberMedia } from './RemotePeer.ts';

/**
 * Subscribes `project(peer)` when a member joins the roster and unsubscribes it when the
 * member leaves (or the roster ends), merging what the inner Observables emit. Members are
 * told apart by object identity, as the room keeps one `RemotePeer` object per stay.
 *
 * @example
 * ```ts
 * room.peers$.pipe(forEachPeer((peer) => peer.stream$.pipe(map((stream) => ({ peer, stream })))))
 *   .subscribe(({ peer, stream }) => console.log(`${peer.id} sends ${stream ? 'media' : 'nothing'}`));
 * ```
 */
export function forEachPeer<P extends MemberMedia, R>(project: (peer: P) => Observable<R>): OperatorFunction<readonly P[], R> {
  return (roster$) =>
    new Observable<R>((subscriber) => {
      const running = new Map<P, Subscription>();
      const outer = roster$.subscribe({
        next: (roster) => {
          const present = new Set(roster);
          for (const [peer, inner] of running) {
            if (present.has(peer)) continue;
            running.delete(peer);
            inner.unsubscribe();
          }
          for (const peer of roster) {
            if (subscriber.closed) break;
            if (running.has(peer)) continue;
            // An inner that errors at once has already torn everything down: keep nothing of it.
            const inner = project(peer).subscribe({
              next: (value) => subscriber.next(value),
              error: (error: unknown) => subscriber.error(error),
            });
            if (!subscriber.closed) running.set(peer, inner);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        outer.unsubscribe();
        for (const inner of running.values()) inner.unsubscribe();
        running.clear();
      };
    });
}
