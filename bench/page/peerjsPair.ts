/**
 * Plain PeerJS, used the way its documentation shows: the baseline every peerstage layer is
 * measured against. Signalled by the bench server's own `/peerjs`, with no ICE servers.
 */
import { Peer, type DataConnection, type PeerConnectOption } from 'peerjs';
import { signalingAtPageOrigin } from '../../src/rtc/signalingOptions.ts';
import { megabytesPerSecond, THROUGHPUT_BYTES } from './measure.ts';

export function openPeer(): Promise<Peer> {
  const peer = new Peer({ ...signalingAtPageOrigin(), config: { iceServers: [] }, debug: 0 });
  return new Promise((resolve, reject) => {
    peer.once('open', () => resolve(peer));
    peer.once('error', reject);
  });
}

/** Connects `from` to `to`; resolves once both ends are open. */
export function connectPair(from: Peer, to: Peer, options: PeerConnectOption = {}): Promise<[DataConnection, DataConnection]> {
  const remote = new Promise<DataConnection>((resolve) => {
    const onConnection = (connection: DataConnection) => {
      to.off('connection', onConnection);
      connection.once('open', () => resolve(connection));
    };
    to.on('connection', onConnection);
  });
  const local = from.connect(to.id, { reliable: true, ...options });
  const localOpen = new Promise<DataConnection>((resolve) => local.once('open', () => resolve(local)));
  return Promise.all([localOpen, remote]);
}

/** Resolves with the next `data` event of `connection`. */
export function nextData(connection: DataConnection): Promise<unknown> {
  return new Promise((resolve) => connection.once('data', resolve));
}

/**
 * Sends 16 MiB in 64 KiB messages through PeerJS's own `send` (its own buffering) and resolves
 * with MB/s once `remote` has received all of it.
 */
export async function peerjsThroughputRound(local: DataConnection, remote: DataConnection, chunk: ArrayBuffer): Promise<number> {
  let received = 0;
  const allReceived = new Promise<void>((resolve) => {
    const onData = (data: unknown) => {
      received += (data as ArrayBuffer).byteLength;
      if (received < THROUGHPUT_BYTES) return;
      remote.off('data', onData);
      resolve();
    };
    remote.on('data', onData);
  });
  const startedAt = performance.now();
  for (let sent = 0; sent < THROUGHPUT_BYTES; sent += chunk.byteLength) await local.send(chunk);
  await allReceived;
  return megabytesPerSecond(THROUGHPUT_BYTES, performance.now() - startedAt);
}
