/**
 * One sampling clock per rate, shared by every analysis that runs at it.
 */
import { interval, share, type Observable, type SchedulerLike } from 'rxjs';

const clocks = new WeakMap<SchedulerLike, Map<number, Observable<number>>>();

/**
 * Ticks every `periodMs` on `scheduler`, from one timer however many subscribe: eight members
 * analysed at 30 Hz cost the page 30 timer tasks a second, not 240 (a timer task costs more
 * than reading an analyser; see the `audio` bench). The timer runs while anyone subscribes.
 *
 * @example
 * ```ts
 * declare function readAll(): void; // every analyser at 30 Hz
 * sharedTicks(1_000 / 30, asyncScheduler).subscribe(() => readAll());
 * ```
 */
export function sharedTicks(periodMs: number, scheduler: SchedulerLike): Observable<number> {
  let byPeriod = clocks.get(scheduler);
  if (!byPeriod) {
    byPeriod = new Map();
    clocks.set(scheduler, byPeriod);
  }
  let ticks = byPeriod.get(periodMs);
  if (!ticks) {
    ticks = interval(periodMs, scheduler).pipe(share());
    byPeriod.set(periodMs, ticks);
  }
  return ticks;
}
