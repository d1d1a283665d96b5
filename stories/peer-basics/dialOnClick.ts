/**
 * Alice's Call and Hang up buttons as an Observable: each click on Call dials Bob, Hang up
 * ends the call, and the page follows the call's Observables.
 */
import {
  catchError,
  defer,
  EMPTY,
  exhaustMap,
  finalize,
  fromEvent,
  ignoreElements,
  merge,
  of,
  switchMap,
  takeUntil,
  tap,
  type Observable,
} from 'rxjs';
import type { Call, PeerSession } from '../../src/rtc/index.ts';
import type { CallView } from './callView.ts';
import { describeError } from './describeError.ts';
import { showStream } from './showStream.ts';

export interface Dial {
  readonly alice: PeerSession;
  readonly bobId: string;
  /** What Alice shares in each new call. */
  readonly stream: () => MediaStream;
  /** Alice's name, handed to Bob in the call's metadata. */
  readonly name: string;
}

/**
 * Dials on each click of Call (clicks during a call are ignored) and emits each call once it
 * is connected; the call's own part ends when it does, whichever side hung up.
 *
 * @example
 * ```ts
 * lifetime.add(dialOnClick(view, { alice, bobId, stream: () => local, name: 'Alice' }).subscribe());
 * ```
 */
export function dialOnClick(view: CallView, dial: Dial): Observable<Call> {
  return defer(() => {
    view.callButton.disabled = false;
    view.aliceStatus.textContent = 'Alice: online, ready to call Bob.';
    return fromEvent(view.callButton, 'click').pipe(
      exhaustMap(() => oneCall(view, dial)),
      // Alice's session went away: nothing to call with.
      finalize(() => (view.callButton.disabled = true)),
    );
  });
}

function oneCall(view: CallView, { alice, bobId, stream, name }: Dial): Observable<Call> {
  return defer(() => {
    let connected = false;
    view.callButton.disabled = true;
    view.aliceStatus.textContent = 'Alice: calling Bob…';
    return alice.call(bobId, stream(), { metadata: { name } }).pipe(
      switchMap((call) => {
        connected = true;
        view.hangUpButton.disabled = false;
        view.aliceStatus.textContent = 'Alice: in a call with Bob.';
        return merge(
          of(call),
          // Replays Bob's stream, then null when the call ends.
          call.remoteStream$.pipe(
            tap((remote) => showStream(view.remoteVideo, remote)),
            ignoreElements(),
          ),
          fromEvent(view.hangUpButton, 'click').pipe(
            tap(() => call.hangUp()),
            ignoreElements(),
          ),
        ).pipe(
          // closed$ fires whichever side hung up; the button's clicks never complete.
          takeUntil(call.closed$),
        );
      }),
      catchError((error: unknown) => {
        view.aliceStatus.textContent = `Alice: the call failed. ${describeError(error)}`;
        return EMPTY;
      }),
      finalize(() => {
        view.callButton.disabled = false;
        view.hangUpButton.disabled = true;
        showStream(view.remoteVideo, null);
        if (connected) view.aliceStatus.textContent = 'Alice: call ended.';
      }),
    );
  });
}
