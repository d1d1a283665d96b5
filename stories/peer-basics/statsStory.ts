/**
 * Story 5, "Stats": the health of Alice's call, sampled from `getStats()` by `call.stats()`.
 */
import { finalize, ignoreElements, switchMap, tap, type Subscription } from 'rxjs';
import { callScene } from './callScene.ts';
import { callView } from './callView.ts';
import { ownedSyntheticStream } from './ownedStream.ts';
import { showStream } from './showStream.ts';
import { statsTable } from './statsTable.ts';

export interface StatsArgs {
  /** Time between samples. */
  readonly intervalMs: number;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderStats(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderStats({ intervalMs }: StatsArgs, lifetime: Subscription): HTMLElement {
  const view = callView();
  const table = statsTable();
  view.extra.append(table.root);
  const local = ownedSyntheticStream({ label: 'Alice' });
  lifetime.add(local);
  showStream(view.localVideo, local.stream);

  lifetime.add(
    callScene(view, { stream: () => local.stream, name: 'Alice' })
      .pipe(
        switchMap((call) => {
          table.caption(`Sampling every ${intervalMs} ms.`);
          // Completes by itself when the call closes: no takeUntil needed.
          return call.stats({ intervalMs }).pipe(
            tap((stats) => table.show(stats)),
            ignoreElements(),
            finalize(() => table.caption('The call has ended: the last sample.')),
          );
        }),
      )
      .subscribe(),
  );
  return view.root;
}
