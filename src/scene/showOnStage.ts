/**
 * Cubes that follow a room's roster: the binding of the stage to `room.peers$`.
 */
import { distinctUntilChanged, Observable, of, switchMap, type OperatorFunction } from 'rxjs';
import { forEachPeer } from '../room/forEachPeer.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { Stage } from './Stage.ts';
import { videoChanges } from './videoChanges.ts';

/**
 * Puts a cube on `stage` for each member of the roster while it is in the roster, showing
 * its `stream$` as it changes (its name until a stream with video arrives, or a video track
 * arrives on it), and takes the cube
 * off when the member leaves or the subscription ends. Emits nothing; completes with the
 * roster. The stage itself is the caller's: it is not disposed here.
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
    return () => {
      streams.unsubscribe();
      // The stage may have been disposed first (it is the caller's); then there is no cube left.
      if (!stage.disposed) stage.removeMember(peer.id);
    };
  });
}
