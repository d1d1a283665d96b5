/**
 * `speaking`: a level stream to a steady "is speaking" flag.
 */
import { asyncScheduler, defer, distinctUntilChanged, map, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { SpeakingDetector } from './SpeakingDetector.ts';
import { speakingPolicy, type SpeakingPolicy } from './speakingPolicy.ts';

/**
 * Turns levels in dBFS (e.g. `AudioFrame.levelDb`) into whether someone is speaking, with
 * hysteresis: `true` once the level has stayed above `startDb` for `startAfterMs`, `false`
 * again only once it has stayed below the lower `stopDb` for `stopAfterMs` (see
 * {@link DEFAULT_SPEAKING}). Emits on the first level and then on every change only.
 *
 * Time is read from `scheduler` when a level arrives (no timers run), so feed it a steady
 * source such as `analyse`: a decision comes at most one sample period late, and a source
 * that falls silent keeps the last decision. Each subscription has its own state.
 *
 * Throws a `RangeError` at once for a policy that cannot work.
 *
 * @example
 * ```ts
 * of(stream).pipe(
 *   analyse(),
 *   map((frame) => frame.levelDb),
 *   speaking({ startDb: -40 }),
 * ).subscribe((isSpeaking) => container.classList.toggle('speaking', isSpeaking));
 * ```
 */
export function speaking(
  policy: Partial<SpeakingPolicy> = {},
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<number, boolean> {
  const checked = speakingPolicy(policy);
  return (levels$) =>
    defer(() => {
      const detector = new SpeakingDetector(checked);
      return levels$.pipe(
        map((levelDb) => detector.hear(levelDb, scheduler.now())),
        distinctUntilChanged(),
      );
    });
}
