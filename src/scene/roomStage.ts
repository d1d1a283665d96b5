/**
 * The whole room on a stage, as one subscription: the stage, this member, the others as they
 * come and go, and their levels.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { showOnStage } from './showOnStage.ts';
import { Stage, type StageOptions } from './Stage.ts';

/** This member, who sees itself on stage too. */
export interface StageSelf {
  readonly id: string;
  readonly name?: string;
  readonly stream?: MediaStream | null;
}

/**
 * A member's level: a number in dBFS, or anything with a `levelDb` and maybe `speaking` (so
 * `roomLevels`'s map fits as it is, without the scene importing the audio layer). A member
 * `speaking` is highlighted on stage.
 */
export type StageLevel = number | { readonly levelDb: number; readonly speaking?: boolean };

export interface RoomStageOptions extends StageOptions {
  /** This member's own cube. Default none. */
  readonly self?: StageSelf;
  /**
   * Levels by member ID that scale the cubes, e.g. `room.peers$.pipe(roomLevels(...))`; its
   * `speaking` members are highlighted.
   */
  readonly levels$?: Observable<ReadonlyMap<string, StageLevel>>;
}

/**
 * Builds a {@link Stage} on subscribe, emits it once, and keeps one cube per member of the
 * roster (and `self`) on it, scaled by `levels$`. Unsubscribing, or the roster completing or
 * failing, disposes the stage: cubes, videos, renderer and WebGL context. Keep the
 * subscription for as long as the stage shows (so not `take(1)` nor `firstValueFrom`).
 *
 * @example
 * ```ts
 * const levels$ = room.peers$.pipe(roomLevels({ self: { id: 'me', stream } }));
 * const shown = room.peers$
 *   .pipe(roomStage({ container, self: { id: 'me', name: 'Ada', stream }, levels$ }))
 *   .subscribe((stage) => console.log('on stage:', stage.memberIds));
 * // later: everything is released
 * shown.unsubscribe();
 * ```
 */
export function roomStage(options: RoomStageOptions = {}): OperatorFunction<readonly MemberMedia[], Stage> {
  const { self, levels$, ...stageOptions } = options;
  return (roster$) =>
    new Observable<Stage>((subscriber) => {
      const stage = new Stage(stageOptions);
      subscriber.next(stage);
      if (subscriber.closed) return () => stage.dispose();
      if (self) stage.addMember(self.id, { name: self.name ?? self.id, stream: self.stream ?? null });
      const levels = levels$?.subscribe({
        next: (map) => {
          for (const [id, level] of map) {
            if (typeof level === 'number') stage.setLevel(id, level);
            else stage.setLevel(id, level.levelDb).setSpeaking(id, level.speaking ?? false);
          }
        },
        error: (error: unknown) => subscriber.error(error),
      });
      // A levels$ that fails at once has ended everything: the roster is not subscribed then.
      const members = subscriber.closed
        ? undefined
        : roster$.pipe(showOnStage(stage)).subscribe({
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
      return () => {
        levels?.unsubscribe();
        // Members first: their teardowns take cubes off a stage that is still alive.
        members?.unsubscribe();
        stage.dispose();
      };
    });
}
