/**
 * Alice and Bob set up for a call story: Bob answers every call with his own synthetic
 * stream, Alice gets a Call button once both are registered.
 */
import { catchError, EMPTY, first, ignoreElements, map, merge, mergeMap, share, switchMap, tap, type Observable } from 'rxjs';
import { peerSession, type Call } from '../../src/rtc/index.ts';
import { bobId } from './bobId.ts';
import { bobStatus } from './bobStatus.ts';
import type { CallView } from './callView.ts';
import { dialOnClick } from './dialOnClick.ts';
import { describeError } from './describeError.ts';
import { el } from './el.ts';
import { inPageBob } from './inPageBob.ts';
import { showStream } from './showStream.ts';

export interface CallSceneOptions {
  /** What Alice shares in each new call. */
  readonly stream: () => MediaStream;
  /** Alice's name, handed to Bob in the call's metadata. */
  readonly name: string;
}

/**
 * Subscribing starts Bob and Alice; emits each call Alice makes once it is connected.
 * Unsubscribing ends both sessions and every call. A session that cannot register is shown
 * in the page's error list.
 *
 * @example
 * ```ts
 * lifetime.add(callScene(view, { stream: () => local, name: 'Alice' }).subscribe());
 * ```
 */
export function callScene(view: CallView, options: CallSceneOptions): Observable<Call> {
  // Shared: the status line and Alice's wait for Bob's ID watch the same Bob.
  const bob$ = inPageBob().pipe(share());
  const bobsSide = bob$.pipe(
    tap((event) => (view.bobStatus.textContent = bobStatus(event) ?? view.bobStatus.textContent)),
    mergeMap((event) => (event.kind === 'answered' && view.bobSeesVideo ? showAtBob(view.bobSeesVideo, event.call) : EMPTY)),
    ignoreElements(),
  );
  const alicesSide = peerSession().pipe(
    switchMap((alice) =>
      bobId(bob$).pipe(
        // call() would wait for Alice's registration itself; the button waits so that it
        // only offers what can happen now.
        switchMap((id) =>
          alice.state$.pipe(
            first((state) => state === 'open'),
            map(() => id),
          ),
        ),
        switchMap((id) => dialOnClick(view, { alice, bobId: id, stream: options.stream, name: options.name })),
      ),
    ),
  );
  return merge(bobsSide, alicesSide).pipe(
    catchError((error: unknown) => {
      view.errors.append(el('li', {}, describeError(error)));
      return EMPTY;
    }),
  );
}

function showAtBob(video: HTMLVideoElement, call: Call): Observable<never> {
  return call.remoteStream$.pipe(
    tap((stream) => showStream(video, stream)),
    ignoreElements(),
  );
}
