/**
 * The room as video tiles, as one subscription: a {@link TileCanvas} following the roster,
 * this member and everyone's speaking.
 */
import { distinctUntilChanged, Observable, of, switchMap, type OperatorFunction } from 'rxjs';
import { forEachPeer } from '../room/forEachPeer.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { StageLevel, StageSelf } from '../scene/roomStage.ts';
import { videoChanges } from '../scene/videoChanges.ts';
import { TileCanvas, type TileCanvasOptions } from './TileCanvas.ts';

export interface TileViewOptions extends TileCanvasOptions {
  /** This member's own tile, first. Default none. */
  readonly self?: StageSelf;
  /** Levels by member ID, as the stage takes them: members `speaking` are outlined. */
  readonly levels$?: Observable<ReadonlyMap<string, StageLevel>>;
}

/**
 * Builds a {@link TileCanvas} in `container` on subscribe, emits it once, and keeps one tile
 * per member of the roster (and `self`) on it, each showing its member's video as it changes.
 * Unsubscribing, or the roster completing or failing, disposes it: loop, video elements and
 * canvas (the members' streams are theirs and keep running).
 *
 * @example
 * ```ts
 * import { joinRoom } from '../room/joinRoom.ts';
 * declare const container: HTMLElement, stream: MediaStream;
 * const room = joinRoom('jam', { name: 'Ada', stream });
 * const shown = room.peers$.pipe(tileView(container, { self: { id: 'me', name: 'Ada', stream } })).subscribe();
 * // later
 * shown.unsubscribe();
 * ```
 */
export function tileView(container: HTMLElement, options: TileViewOptions = {}): OperatorFunction<readonly MemberMedia[], TileCanvas> {
  const { self, levels$, ...canvasOptions } = options;
  return (roster$) =>
    new Observable<TileCanvas>((subscriber) => {
      const tiles = new TileCanvas(container, canvasOptions);
      subscriber.next(tiles);
      if (subscriber.closed) return () => tiles.dispose();
      if (self) tiles.addMember(self.id, self.name ?? self.id).setStream(self.id, self.stream ?? null);
      const levels = levels$?.subscribe({
        next: (map) => {
          for (const [id, level] of map) tiles.setSpeaking(id, typeof level !== 'number' && (level.speaking ?? false));
        },
        error: (error: unknown) => subscriber.error(error),
      });
      const members = subscriber.closed
        ? undefined
        : roster$.pipe(forEachPeer((peer) => memberTile(tiles, peer))).subscribe({
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
      return () => {
        levels?.unsubscribe();
        members?.unsubscribe();
        tiles.dispose();
      };
    });
}

function memberTile(tiles: TileCanvas, peer: MemberMedia): Observable<never> {
  return new Observable<never>((subscriber) => {
    tiles.addMember(peer.id, peer.name ?? peer.id);
    const streams = peer.stream$
      .pipe(
        switchMap((stream) => (stream ? videoChanges(stream) : of(null))),
        distinctUntilChanged(),
      )
      .subscribe({
        next: (stream) => tiles.setStream(peer.id, stream),
        error: (error: unknown) => subscriber.error(error),
      });
    return () => {
      streams.unsubscribe();
      tiles.removeMember(peer.id);
    };
  });
}
