/**
 * The stage a render shows, kept where the story's play function can find it: the play
 * function reads pixels and sizes off the stage itself, the way a test would.
 */
import { finalize, ignoreElements, switchMap, tap, type Observable, type OperatorFunction } from 'rxjs';
import type { Stage } from '../../src/index.ts';

/** A render's stage, and its members' IDs by name (the stage knows members by ID only). */
export interface ShownStage {
  readonly stage: Stage;
  readonly idsByName: ReadonlyMap<string, string>;
}

/** Keyed by canvas element, as renders are (see peer-basics/renderLifetime.ts). */
const shown = new WeakMap<HTMLElement, ShownStage>();

/**
 * Records each stage (with the latest `idsByName$`) as the one shown in `canvasElement`, for
 * as long as it is subscribed; emits nothing.
 *
 * @example
 * ```ts
 * room.peers$.pipe(roomStage({ container }), showStageIn(canvasElement, idsByName$)).subscribe();
 * ```
 */
export function showStageIn(
  canvasElement: HTMLElement,
  idsByName$: Observable<ReadonlyMap<string, string>>,
): OperatorFunction<Stage, never> {
  return (stage$) =>
    stage$.pipe(
      switchMap((stage) => idsByName$.pipe(tap((idsByName) => shown.set(canvasElement, { stage, idsByName })))),
      // The previous render has ended before the next one starts: this never drops a newer stage.
      finalize(() => shown.delete(canvasElement)),
      ignoreElements(),
    );
}

/**
 * The stage shown in `canvasElement` now, if any.
 *
 * @example
 * ```ts
 * const { stage, idsByName } = shownStage(canvasElement) ?? fail();
 * ```
 */
export function shownStage(canvasElement: HTMLElement): ShownStage | undefined {
  return shown.get(canvasElement);
}
