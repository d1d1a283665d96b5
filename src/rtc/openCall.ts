/**
 * A PeerJS media connection as an Observable: emits the {@link Call} once its WebRTC
 * connection is up, completes when either side hangs up, errors with a
 * {@link ConnectionError} if it never connects. Unsubscribing hangs up.
 */
import type { MediaConnection, PeerError } from 'peerjs';
import { EMPTY, filter, Observable, type Subscription } from 'rxjs';
import { Call } from './Call.ts';
import type { DataChannel } from './DataChannel.ts';
import { carryChannel } from './callChannel.ts';
import { DEFAULT_CHANNEL_OPTIONS, type ChannelOptions } from './channelOptions.ts';
import { ConnectionError } from './errors.ts';

export interface OpenCallOptions {
  /** IDs the signaling server reported as not registered (PeerJS's `peer-unavailable`). */
  readonly unavailable$?: Observable<string>;
  /** Run on subscribe, before waiting: the answering side answers here. */
  readonly start?: () => void;
  /** Carry a data channel with this label inside the call (see callChannel.ts): `Call.channel$`. */
  readonly carry?: string;
  /** The carried channel's options (the session's). */
  readonly channelOptions?: ChannelOptions;
}

/**
 * @example
 * ```ts
 * declare const unavailable$: Observable<string>; // the IDs PeerJS reports unavailable
 * openCall(peerJs.call('bob', stream), { unavailable$ }).subscribe((call) =>
 *   call.remoteStream$.subscribe((remote) => (video.srcObject = remote)),
 * );
 * ```
 */
export function openCall(connection: MediaConnection, options: OpenCallOptions = {}): Observable<Call> {
  return new Observable<Call>((subscriber) => {
    const remoteId = connection.peer;
    let call: Call | undefined;
    let closedSubscription: Subscription | undefined;
    let peerConnection: RTCPeerConnection | undefined;
    let carried: Observable<DataChannel> = EMPTY;

    const fail = (reason: 'negotiation-failed' | 'closed' | 'peer-unavailable', message: string, cause?: unknown) => {
      if (!call) subscriber.error(new ConnectionError(reason, remoteId, message, { cause }));
    };
    const onStateChange = () => {
      if (call || !peerConnection) return;
      const state = peerConnection.connectionState;
      if (state === 'connected') {
        call = new Call(connection, carried);
        closedSubscription = call.closed$.subscribe(() => subscriber.complete());
        subscriber.next(call);
      } else if (state === 'failed') {
        fail('negotiation-failed', `no network path to ${remoteId} was found`);
      }
    };
    const onError = (error: PeerError<string>) => fail('negotiation-failed', error.message, error);
    const onClose = () => fail('closed', `the call with ${remoteId} ended before it connected`);
    connection.on('error', onError);
    connection.on('close', onClose);
    const unavailable = (options.unavailable$ ?? EMPTY)
      .pipe(filter((id) => id === remoteId))
      .subscribe(() => fail('peer-unavailable', `no peer with the ID ${remoteId} is registered with the signaling server`));

    options.start?.();
    // PeerJS makes the RTCPeerConnection when dialling, or when answering.
    peerConnection = connection.peerConnection ?? undefined;
    // Both sides open the carried channel as their connection is made, before either can send.
    if (peerConnection && options.carry !== undefined) {
      carried = carryChannel(connection, options.carry, options.channelOptions ?? DEFAULT_CHANNEL_OPTIONS);
    }
    peerConnection?.addEventListener('connectionstatechange', onStateChange);
    onStateChange();

    return () => {
      unavailable.unsubscribe();
      closedSubscription?.unsubscribe();
      peerConnection?.removeEventListener('connectionstatechange', onStateChange);
      connection.off('error', onError);
      connection.off('close', onClose);
      if (call) call.hangUp();
      else connection.close();
    };
  });
}
