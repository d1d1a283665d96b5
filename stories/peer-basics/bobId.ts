/**
 * Bob's peer ID out of his events: what Alice dials.
 */
import { filter, map, take, type Observable } from 'rxjs';
import type { BobEvent } from './inPageBob.ts';

type Open = Extract<BobEvent, { kind: 'open' }>;

/**
 * Emits Bob's ID once he is registered, then completes. Subscribe it to a *shared* Bob (see
 * `share()`): completing must not end his session.
 *
 * @example
 * ```ts
 * const bob$ = inPageBob().pipe(share());
 * bobId(bob$).pipe(switchMap((id) => alice.connect(id)));
 * ```
 */
export function bobId(bob$: Observable<BobEvent>): Observable<string> {
  return bob$.pipe(
    filter((event): event is Open => event.kind === 'open'),
    take(1),
    map((event) => event.id),
  );
}
