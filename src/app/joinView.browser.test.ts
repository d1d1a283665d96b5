/**
 * The join screen paints its form before its preview asks for a camera or builds a meter:
 * that work once came first and delayed the hub's first render (`npm run bench -- hub`).
 */
import { NEVER, Observable, of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalMedia } from './localMedia.ts';
import { joinView } from './joinView.ts';

const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0).reverse()) release();
});

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

describe('joinView', () => {
  it('asks for media only once the form has been painted, and not at all if it goes first', async () => {
    const asked: string[] = [];
    const acquire = (choice: string) =>
      new Observable<LocalMedia>((subscriber) => {
        asked.push(choice);
        subscriber.next({ stream: null });
      });
    const view = joinView(
      { room: 'paint', name: 'Ada', media: 'none' },
      { acquire, start$: NEVER, playback$: of(true), devices$: () => NEVER },
    );
    document.body.append(view.element);
    releases.push(() => view.element.remove());

    const early = view.requests$.subscribe();
    early.unsubscribe();
    const running = view.requests$.subscribe();
    releases.push(() => running.unsubscribe());
    expect(asked).toEqual([]);
    // The frame that paints the form comes first; the preview starts in a task after it.
    await nextFrame();
    expect(asked).toEqual([]);
    await expect.poll(() => asked).toEqual(['none']);
  });
});
