/**
 * Work that can wait until the page has shown itself: a join screen whose camera preview and
 * level meter start in the same task as its form would paint the form only once they have
 * asked for the camera and built an audio graph.
 */
import { Observable } from 'rxjs';

/**
 * Emits once (and completes) after the next frame is painted: an animation frame callback runs
 * just before the paint, and a task it queues runs after. A hidden tab paints nothing, so
 * nothing is emitted until it shows.
 *
 * @example
 * ```ts
 * import { switchMap } from 'rxjs';
 * declare const preview: { run$: import('rxjs').Observable<never> };
 * afterNextPaint().pipe(switchMap(() => preview.run$)).subscribe();
 * ```
 */
export function afterNextPaint(): Observable<void> {
  return new Observable<void>((subscriber) => {
    let task: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      task = setTimeout(() => {
        subscriber.next();
        subscriber.complete();
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(task);
    };
  });
}
