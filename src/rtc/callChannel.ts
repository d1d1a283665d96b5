/**
 * A data channel inside a call's own RTCPeerConnection. Both ends create it with the same
 * negotiated stream ID while their side of the call is set up, so it needs no connection of
 * its own: no second offer, ICE, DTLS or SCTP handshake. PeerJS puts an SCTP association in
 * every call already (a channel of its own tells the other side of a hang-up), so the carried
 * channel costs one stream on it. Two people who talk and see each other need one connection,
 * not two; on a busy machine that is a connection's set-up work saved per pair.
 *
 * Both sides must agree to carry one: a channel only one side opens never hears anything. The
 * caller says so in its call's metadata, as the room's members do.
 */
import type { MediaConnection } from 'peerjs';
import { type Observable, ReplaySubject } from 'rxjs';
import type { ChannelOptions } from './channelOptions.ts';
import { DataChannel, type ChannelCarrier } from './DataChannel.ts';

/**
 * The SCTP stream of the carried channel: the same on both sides. Far above the IDs PeerJS's
 * own channel is given (0 or 1), and under the 1024 streams Chromium negotiates.
 */
export const CALL_CHANNEL_STREAM_ID = 512;

/**
 * Opens the channel `connection` carries, now: call it as soon as the call's RTCPeerConnection
 * exists (right after dialing, or answering), so that both sides have it before either can send.
 * Emits the {@link DataChannel} once open, then completes when it closes; completes with
 * nothing if the call ends first. Replays to late subscribers; unsubscribing does not close it.
 *
 * @example
 * ```ts
 * import { DEFAULT_CHANNEL_OPTIONS } from 'peerstage/rtc';
 * const connection = peerJs.call('bob', stream, { metadata: { channel: true } });
 * carryChannel(connection, 'chat', DEFAULT_CHANNEL_OPTIONS).subscribe((channel) => channel.send('hi'));
 * ```
 */
export function carryChannel(connection: MediaConnection, label: string, options: ChannelOptions): Observable<DataChannel> {
  const opened = new ReplaySubject<DataChannel>(1);
  const peerConnection = connection.peerConnection;
  const raw = peerConnection.createDataChannel(label, { negotiated: true, id: CALL_CHANNEL_STREAM_ID, ordered: true });
  raw.binaryType = 'arraybuffer';
  const carrier: ChannelCarrier = {
    peer: connection.peer,
    label,
    metadata: connection.metadata,
    dataChannel: raw,
    peerConnection,
    on: (_event, listener) => connection.on('close', listener),
    off: (_event, listener) => connection.off('close', listener),
    close: () => raw.close(),
  };
  const endUnopened = () => {
    raw.removeEventListener('open', onOpen);
    opened.complete();
  };
  const onOpen = () => {
    connection.off('close', endUnopened);
    const channel = new DataChannel(carrier, options);
    opened.next(channel);
    channel.closed$.subscribe(() => opened.complete());
  };
  raw.addEventListener('open', onOpen, { once: true });
  connection.once('close', endUnopened);
  return opened.asObservable();
}
