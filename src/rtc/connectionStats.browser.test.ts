/**
 * connectionStats against real WebRTC: two RTCPeerConnections in one page, wired to each
 * other by hand (no signaling server, no ICE servers), carry 1 MiB over a data channel.
 */
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionStats } from './connectionStats.ts';

const MiB = 1024 * 1024;
const CHUNK_BYTES = 16 * 1024;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function openPeerConnection(): RTCPeerConnection {
  const pc = new RTCPeerConnection({ iceServers: [] });
  cleanups.push(() => pc.close());
  return pc;
}

interface Pair {
  readonly a: RTCPeerConnection;
  readonly b: RTCPeerConnection;
  readonly send: RTCDataChannel;
  readonly receive: RTCDataChannel;
}

/** Both ends of one negotiated channel, open. */
async function connectPair(): Promise<Pair> {
  const a = openPeerConnection();
  const b = openPeerConnection();
  a.addEventListener('icecandidate', ({ candidate }) => void (candidate && b.addIceCandidate(candidate)));
  b.addEventListener('icecandidate', ({ candidate }) => void (candidate && a.addIceCandidate(candidate)));
  // Negotiated with the same id on both sides: no in-band DCEP round trip to wait for.
  const send = a.createDataChannel('stats', { negotiated: true, id: 0 });
  const receive = b.createDataChannel('stats', { negotiated: true, id: 0 });
  send.binaryType = receive.binaryType = 'arraybuffer';
  const opened = Promise.all([send, receive].map((channel) => whenOpen(channel)));
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  await opened;
  return { a, b, send, receive };
}

function whenOpen(channel: RTCDataChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    if (channel.readyState === 'open') return resolve();
    channel.addEventListener('open', () => resolve(), { once: true });
    const onClose = () => reject(new Error(`channel ${channel.label} closed before opening`));
    channel.addEventListener('close', onClose, { once: true });
  });
}

/** Sends `bytes` in chunks and resolves once the far end has them all. */
function transfer(send: RTCDataChannel, receive: RTCDataChannel, bytes: number): Promise<void> {
  const received = new Promise<void>((resolve) => {
    let total = 0;
    const onMessage = ({ data }: MessageEvent<ArrayBuffer>) => {
      total += data.byteLength;
      if (total < bytes) return;
      receive.removeEventListener('message', onMessage);
      resolve();
    };
    receive.addEventListener('message', onMessage);
  });
  // 1 MiB queues well under Chromium's 16 MiB send limit: no flow control needed here.
  const chunk = new Uint8Array(CHUNK_BYTES);
  for (let sent = 0; sent < bytes; sent += CHUNK_BYTES) send.send(chunk);
  return received;
}

describe('connectionStats in Chromium', () => {
  it('reports round trip, route, bytes and bitrate of a live connection, and completes on close()', async () => {
    const { a, send, receive } = await connectPair();
    await transfer(send, receive, MiB);

    const [first, second] = await firstValueFrom(connectionStats(a, { intervalMs: 100 }).pipe(take(2), toArray()));
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    for (const stats of [first!, second!]) {
      expect(Number.isFinite(stats.roundTripMs)).toBe(true);
      expect(stats.roundTripMs).toBeGreaterThanOrEqual(0);
      expect(stats.localCandidateType).toBe('host');
      expect(stats.bytesSent).toBeGreaterThan(MiB);
      expect(stats.packetsLost).toBe(0);
    }
    expect(first!.bitrateOutBps).toBeNull();
    expect(second!.at).toBeGreaterThan(first!.at);
    expect(second!.bitrateOutBps).toEqual(expect.any(Number));
    expect(second!.bitrateOutBps).toBeGreaterThanOrEqual(0);
    expect(second!.bitrateInBps).toEqual(expect.any(Number));

    const all = lastValueFrom(connectionStats(a, { intervalMs: 100 }).pipe(toArray()));
    await new Promise((resolve) => setTimeout(resolve, 250));
    a.close();
    const samples = await all;
    expect(samples.length).toBeGreaterThan(0);
  });
});
