/**
 * Cubes that follow a room's roster: the binding of the stage to `room.peers$`.
 */
import { distinctUntilChanged, map, Observable, of, switchMap, timer, type OperatorFunction, type Subscription } from 'rxjs';
import { forEachPeer } from '../room/forEachPeer.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { Stage } from './Stage.ts';
import { videoChanges } from './videoChanges.ts';

/** How often the size a member's video is drawn at is looked at: it changes as members come and go. */
export const VIEW_CHECK_MS = 1_000;

/**
 * Puts a cube on `stage` for each member of the roster while it is in the roster, showing
 * its `stream$` as it changes (its name until a stream with video arrives, or a video track
 * arrives on it), and takes the cube
 * off when the member leaves or the subscription ends. Emits nothing; completes with the
 * roster. The stage itself is the caller's: it is not disposed here.
 *
 * Members that can be told (`showVideoAt`, as a room's members can) are told how large their
 * cube is drawn, so they send no larger a picture, and told "any size" again when the cube goes.
 *
 * @example
 * ```ts
 * const stage = new Stage({ container });
 * const cubes = room.peers$.pipe(showOnStage(stage)).subscribe();
 * // later
 * cubes.unsubscribe();
 * stage.dispose();
 * ```
 */
export function showOnStage(stage: Stage): OperatorFunction<readonly MemberMedia[], never> {
  return forEachPeer((peer) => memberOnStage(stage, peer));
}

function memberOnStage(stage: Stage, peer: MemberMedia): Observable<never> {
  return new Observable<never>((subscriber) => {
    stage.addMember(peer.id, { name: peer.name ?? peer.id, stream: null });
    const streams = peer.stream$
      .pipe(
        switchMap((stream) => (stream ? videoChanges(stream) : of(null))),
        // An audio track arriving is no reason to rebuild the video element.
        distinctUntilChanged(),
      )
      .subscribe({
        next: (stream) => stage.setStream(peer.id, stream),
        error: (error: unknown) => subscriber.error(error),
      });
    const views = peer.showVideoAt ? tellViewSizes(stage, peer) : undefined;
    return () => {
      streams.unsubscribe();
      if (views) {
        views.unsubscribe();
        peer.showVideoAt?.(null);
      }
      // The stage may have been disposed first (it is the caller's); then there is no cube left.
      if (!stage.disposed) stage.removeMember(peer.id);
    };
  });
}

/** Tells `peer` how large its cube is drawn whenever that changes, looked at every {@link VIEW_CHECK_MS}. */
function tellViewSizes(stage: Stage, peer: MemberMedia): Subscription {
  return timer(0, VIEW_CHECK_MS)
    .pipe(
      map(() => stage.videoSize(peer.id)),
      distinctUntilChanged((a, b) => a?.width === b?.width && a?.height === b?.height),
    )
    .subscribe((size) => size && peer.showVideoAt?.(size));
}
