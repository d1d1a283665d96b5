/**
 * A call someone is making to this peer, not yet answered.
 */
import type { MediaConnection } from 'peerjs';
import type { Observable } from 'rxjs';
import type { Call } from './Call.ts';
import { DEFAULT_CHANNEL_OPTIONS, type ChannelOptions } from './channelOptions.ts';
import { openCall } from './openCall.ts';

export interface AnswerOptions {
  /**
   * Carries a data channel with this label inside the call, as `Call.channel$` (see
   * callChannel.ts): only when the caller carries one too, as its metadata should say.
   */
  readonly channel?: string;
}

export class IncomingCall {
  /** The ID of the calling peer. */
  readonly remoteId: string;
  /** Whatever the caller attached to the call. */
  readonly metadata: unknown;
  /** The PeerJS connection underneath. */
  readonly connection: MediaConnection;
  readonly #channel: (label: string) => ChannelOptions;
  readonly #answered: (connection: MediaConnection) => void;

  /**
   * `channel`: the options of a carried channel (the session's), or how to make them from its
   * label. `answered`: told once the call is answered and its RTCPeerConnection exists.
   */
  constructor(
    connection: MediaConnection,
    channel: ChannelOptions | ((label: string) => ChannelOptions) = DEFAULT_CHANNEL_OPTIONS,
    answered: (connection: MediaConnection) => void = () => undefined,
  ) {
    this.connection = connection;
    this.#channel = typeof channel === 'function' ? channel : () => channel;
    this.#answered = answered;
    this.remoteId = connection.peer;
    this.metadata = connection.metadata;
  }

  /**
   * Answers with `stream` (or with nothing, to only receive): emits the {@link Call} once
   * connected, completes when either side hangs up; unsubscribing hangs up.
   *
   * @example
   * ```ts
   * session.calls$.pipe(mergeMap((incoming) => incoming.answer(stream))).subscribe((call) => console.log('call from', call.remoteId));
   * // To callers that carry a channel, and say so in their metadata:
   * session.calls$
   *   .pipe(mergeMap((incoming) => incoming.answer(stream, { channel: 'chat' })), switchMap((call) => call.channel$))
   *   .subscribe((chat) => chat.send('hi'));
   * ```
   */
  answer(stream?: MediaStream, { channel }: AnswerOptions = {}): Observable<Call> {
    return openCall(this.connection, {
      start: () => {
        this.connection.answer(stream);
        this.#answered(this.connection);
      },
      carry: channel,
      channelOptions: channel === undefined ? undefined : this.#channel(channel),
    });
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
