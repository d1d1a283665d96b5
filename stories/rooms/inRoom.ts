/**
 * `joinRoom` behind an Observable, so that rooms follow the lifetimes rule (docs/architecture.md): the
 * subscription that joins is the one that leaves.
 */
import { defer, endWith, finalize, ignoreElements, takeUntil, type Observable } from 'rxjs';
import { joinRoom, type JoinOptions, type Room } from '../../src/index.ts';

/**
 * Joins `roomId` on subscribe and runs `use(room)` for the stay. The stay ends when it is
 * unsubscribed, or when the room ends by itself (refused, full, failed: its `peers$`
 * completes); either way `use(room)` is unsubscribed first and `leave()` follows, so nothing
 * that shows the room watches it being torn down.
 *
 * @example
 * ```ts
 * const stay = inRoom('jam', { name: 'Ada' }, (room) => room.peers$.pipe(tap(showRoster)))
 *   .subscribe();
 * stay.unsubscribe(); // leaves
 * ```
 */
export function inRoom<T>(roomId: string, options: JoinOptions, use: (room: Room) => Observable<T>): Observable<T> {
  return defer(() => {
    const room = joinRoom(roomId, options);
    // peers$ completes only when the room has ended; `use` may hold endless DOM events.
    const ended$ = room.peers$.pipe(ignoreElements(), endWith(true));
    // finalize runs after the source is unsubscribed: `use` lets go before the room does.
    return use(room).pipe(
      takeUntil(ended$),
      finalize(() => room.leave()),
    );
  });
}
