/**
 * A call someone is making to this peer, not yet answered.
 */
import type { MediaConnection } from 'peerjs';
import type { Observable } from 'rxjs';
import type { Call } from './Call.ts';
import { openCall } from './openCall.ts';

export class IncomingCall {
  /** The ID of the calling peer. */
  readonly remoteId: string;
  /** Whatever the caller attached to the call. */
  readonly metadata: unknown;
  /** The PeerJS connection underneath. */
  readonly connection: MediaConnection;

  constructor(connection: MediaConnection) {
    this.connection = connection;
    this.remoteId = connection.peer;
    this.metadata = connection.metadata;
  }

  /**
   * Answers with `stream` (or with nothing, to only receive): emits the {@link Call} once
   * connected, completes when either side hangs up; unsubscribing hangs up.
   *
   * @example
   * ```ts
   * session.calls$.pipe(mergeMap((incoming) => incoming.answer(myStream))).subscribe((call) => show(call));
   * ```
   */
  answer(stream?: MediaStream): Observable<Call> {
    return openCall(this.connection, { start: () => this.connection.answer(stream) });
  }

  /**
   * Refuses the call. PeerJS has no refusal message: the caller's `call()` ends with a
   * `timeout` {@link ConnectionError}.
   *
   * @example
   * ```ts
   * session.calls$.subscribe((incoming) => incoming.decline());
   * ```
   */
  decline(): void {
    this.connection.close();
  }
}
