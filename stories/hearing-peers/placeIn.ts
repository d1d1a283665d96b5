/**
 * Where a view's element goes. peerstage's meters and views emit their element once, on
 * subscribe, and remove it themselves on unsubscribe: the caller only has to place it.
 */
import { ignoreElements, tap, type OperatorFunction } from 'rxjs';

/**
 * Appends each element to `slot` and emits nothing, so that views merge into one Subscription.
 *
 * @example
 * ```ts
 * frames$.pipe(levelMeter({ label: 'Bo' }), placeIn(meterBox)).subscribe();
 * ```
 */
export function placeIn(slot: HTMLElement): OperatorFunction<HTMLElement, never> {
  return (elements$) =>
    elements$.pipe(
      tap((element) => slot.append(element)),
      ignoreElements(),
    );
}
