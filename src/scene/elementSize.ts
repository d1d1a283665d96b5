/**
 * The laid-out size of an element, watched.
 */
import { Observable } from 'rxjs';

/**
 * The content box of `element` in CSS pixels each time it changes (a ResizeObserver's, so the
 * first comes once it is observed). An element that is hidden or not laid out reports nothing
 * rather than 0 x 0, so its watcher keeps the last size.
 */
export function elementSize(element: Element): Observable<{ width: number; height: number }> {
  return new Observable((subscriber) => {
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box && box.width >= 1 && box.height >= 1) subscriber.next({ width: box.width, height: box.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  });
}
