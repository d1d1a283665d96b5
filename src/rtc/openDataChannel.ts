/**
 * A PeerJS data connection as an Observable: emits the {@link DataChannel} once it opens,
 * completes when it closes, errors with a {@link ConnectionError} if it never opens.
 * Unsubscribing closes it.
 */
import type { DataConnection, PeerError } from 'peerjs';
import { filter, Observable, type Subscription } from 'rxjs';
import type { ChannelOptions } from './channelOptions.ts';
import { DataChannel } from './DataChannel.ts';
import { ConnectionError } from './errors.ts';

export interface OpenDataChannelOptions {
  readonly channel: ChannelOptions;
  /** IDs the signaling server reported as not registered (PeerJS's `peer-unavailable`). */
  readonly unavailable$: Observable<string>;
}

/**
 * @example
 * ```ts
 * import { DEFAULT_CHANNEL_OPTIONS } from 'peerstage/rtc';
 * declare const unavailable$: Observable<string>; // the IDs PeerJS reports unavailable
 * openDataChannel(peerJs.connect('bob', { reliable: true, serialization: 'raw' }), { channel: DEFAULT_CHANNEL_OPTIONS, unavailable$ })
 *   .subscribe((channel) => channel.send('hi'));
 * ```
 */
export function openDataChannel(connection: DataConnection, options: OpenDataChannelOptions): Observable<DataChannel> {
  return new Observable<DataChannel>((subscriber) => {
    const remoteId = connection.peer;
    let channel: DataChannel | undefined;
    let closedSubscription: Subscription | undefined;

    const onOpen = () => {
      channel = new DataChannel(connection, options.channel);
      closedSubscription = channel.closed$.subscribe(() => subscriber.complete());
      subscriber.next(channel);
    };
    const onError = (error: PeerError<string>) => {
      if (channel) return;
      const reason = error.type === 'negotiation-failed' ? 'negotiation-failed' : 'closed';
      subscriber.error(new ConnectionError(reason, remoteId, error.message, { cause: error }));
    };
    const onClose = () => {
      if (channel) return;
      subscriber.error(new ConnectionError('closed', remoteId, `the connection to ${remoteId} closed before it opened`));
    };
    connection.on('open', onOpen);
    connection.on('error', onError);
    connection.on('close', onClose);
    const unavailable = options.unavailable$.pipe(filter((id) => id === remoteId)).subscribe(() => {
      if (channel) return;
      subscriber.error(
        new ConnectionError('peer-unavailable', remoteId, `no peer with the ID ${remoteId} is registered with the signaling server`),
      );
    });
    if (connection.open && connection.dataChannel) onOpen();

    return () => {
      unavailable.unsubscribe();
      closedSubscription?.unsubscribe();
      connection.off('open', onOpen);
      connection.off('error', onError);
      connection.off('close', onClose);
      if (channel) channel.close();
      else connection.close();
    };
  });
}
