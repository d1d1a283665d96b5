/**
 * One member of a multi-page bench case, in a browser context (renderer process) of its own,
 * as a person in their own tab would be. The bench page drives it through the harness.
 */
import type { DataConnection, MediaConnection, Peer } from 'peerjs';
import { filter, firstValueFrom, map, Observable, scan, switchMap, take, tap } from 'rxjs';
import { createSyntheticStream } from '../../src/media/createSyntheticStream.ts';
import { forEachPeer } from '../../src/room/forEachPeer.ts';
import { janusTransport } from '../../src/room/janus/janusTransport.ts';
import { joinRoom } from '../../src/room/joinRoom.ts';
import type { Room } from '../../src/room/Room.ts';
import { firstFrame } from './firstFrame.ts';
import { mainThreadBusyMs } from './mainThreadBusy.ts';
import type { BenchMember, MemberMedia, WithBenchMember } from './memberApi.ts';
import { openPeer } from './peerjsPair.ts';
import { recordPeerConnections } from '../../src/testing/recordPeerConnections.ts';

// Every connection the page makes, for the uplink it carries.
const { made } = recordPeerConnections();

function syntheticStream(media: MemberMedia): MediaStream {
  const size = media === 'video-320' ? { width: 320, height: 240 } : { width: 160, height: 120 };
  const stream = createSyntheticStream({ label: 'member', ...size, fps: 15 });
  if (media === 'noise+tone') {
    for (const track of stream.getVideoTracks()) track.stop();
    return new MediaStream([...noiseVideo().getVideoTracks(), ...stream.getAudioTracks()]);
  }
  if (media === 'video+tone') return stream;
  // Stopping the tone closes its audio context too.
  for (const track of stream.getAudioTracks()) track.stop();
  return new MediaStream(stream.getVideoTracks());
}
/**
 * 320x240 of noise at 15 fps: as costly to encode as a camera's picture or more, so the encoder
 * spends whatever a call allows. A few frames drawn once and cycled, to spare the CPU.
 */
function noiseVideo(): MediaStream {
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  const context = canvas.getContext('2d')!;
  const frames = Array.from({ length: 6 }, () => {
    const frame = context.createImageData(canvas.width, canvas.height);
    crypto.getRandomValues(frame.data.subarray(0, 65_536));
    for (let offset = 65_536; offset < frame.data.length; offset += 65_536) {
      crypto.getRandomValues(frame.data.subarray(offset, offset + 65_536));
    }
    for (let alpha = 3; alpha < frame.data.length; alpha += 4) frame.data[alpha] = 255;
    return frame;
  });
  let next = 0;
  const timer = setInterval(() => {
    next += 1;
    context.putImageData(frames[next % frames.length]!, 0, 0);
  }, 1_000 / 15);
  const stream = canvas.captureStream(15);
  stream.getVideoTracks()[0]?.addEventListener('ended', () => clearInterval(timer));
  return stream;
}

/** Plays `stream`'s audio in an element of its own while subscribed. */
function playAudio(stream: MediaStream | null): Observable<never> {
  return new Observable<never>(() => {
    if (!stream) return undefined;
    const audio = new Audio();
    audio.srcObject = new MediaStream(stream.getAudioTracks());
    void audio.play().catch(() => undefined);
    return () => {
      audio.pause();
      audio.srcObject = null;
    };
  });
}

/** Now, on a clock that member pages share (each page's `performance.now()` has an origin of its own). */
const epochMs = () => performance.timeOrigin + performance.now();

const stopTracks = (stream: MediaStream) => {
  for (const track of stream.getTracks()) track.stop();
};

/** What one member has of each other member it lists: for a round that does not come together. */
interface JoinProgress {
  self: string | undefined;
  listed: readonly string[];
  readonly streams: Set<string>;
  readonly framed: Set<string>;
}

/**
 * Resolves when `room` has presented a frame of `others` distinct members. Counted by ID
 * across roster changes: on a starved machine a link may drop and come back before media flows.
 * `progress` follows the way there.
 */
function seenEveryone(room: Room, others: number, progress: JoinProgress): Promise<unknown> {
  return firstValueFrom(
    room.peers$.pipe(
      tap((peers) => (progress.listed = peers.map((peer) => peer.id))),
      forEachPeer((peer) =>
        peer.stream$.pipe(
          filter((stream) => stream !== null),
          take(1),
          tap(() => progress.streams.add(peer.id)),
          switchMap((stream) => firstFrame(stream)),
          map(() => peer.id),
        ),
      ),
      tap((id) => progress.framed.add(id)),
      scan((seen, id) => seen.add(id), new Set<string>()),
      filter((seen) => seen.size === others),
    ),
  );
}

/** One line on where a member's join stands: whom it lists, whose media came, whose frame played. */
function progressLine(progress: JoinProgress | undefined): string {
  if (!progress) return 'not in a room';
  const short = (id: string) => id.slice(0, 8);
  const states = made.filter((pc) => pc.connectionState !== 'closed').map((pc) => `${pc.connectionState}/${pc.iceConnectionState}`);
  const each = progress.listed.map(
    (id) => `${short(id)}:${progress.framed.has(id) ? 'frame' : progress.streams.has(id) ? 'stream' : 'listed'}`,
  );
  return `${progress.self ? short(progress.self) : '(no ID yet)'} lists ${progress.listed.length} [${each.join(' ')}]; connections ${states.join(' ') || 'none'}`;
}

let joinProgress: JoinProgress | undefined;
let reset: () => void = () => {};
let peer: { readonly peer: Peer; readonly stream: MediaStream } | undefined;

const member: BenchMember = {
  async joinRoom(roomId, others, media, passphrase, uplinkKbps, janusUrl) {
    const joinedAt = epochMs();
    const stream = syntheticStream(media);
    const room = joinRoom(roomId, {
      name: 'member',
      stream,
      iceServers: [],
      ...(passphrase === undefined ? {} : { passphrase }),
      ...(uplinkKbps === undefined ? {} : { uplinkKbps }),
      ...(janusUrl === undefined ? {} : { transport: janusTransport({ url: janusUrl }) }),
    });
    // Chromium counts received audio (and conceals its gaps) only as it plays: the uplink
    // cases read what a person would hear.
    const listening =
      media === 'noise+tone' ? room.peers$.pipe(forEachPeer((peer) => peer.stream$.pipe(switchMap(playAudio)))).subscribe() : undefined;
    const progress: JoinProgress = { self: undefined, listed: [], streams: new Set(), framed: new Set() };
    joinProgress = progress;
    const selfKnown = room.self$.subscribe((self) => (progress.self = self.id));
    reset = () => {
      selfKnown.unsubscribe();
      listening?.unsubscribe();
      room.leave();
      stopTracks(stream);
      joinProgress = undefined;
    };
    await seenEveryone(room, others, progress);
    return { joinedAt, seenAt: epochMs() };
  },
  async registerPeer(media) {
    const stream = syntheticStream(media);
    const opened = await openPeer();
    peer = { peer: opened, stream };
    reset = () => {
      opened.destroy();
      stopTracks(stream);
      peer = undefined;
    };
    return opened.id;
  },
  async dialPeers(ids, index) {
    if (!peer) throw new Error('registerPeer first');
    const { peer: self, stream } = peer;
    const seen = new Promise<void>((resolve) => {
      let pending = ids.length - 1;
      self.on('call', (call: MediaConnection) => {
        call.answer();
        call.once('stream', (remote) => void firstFrame(remote).then(() => --pending === 0 && resolve()));
      });
    });
    self.on('connection', (connection: DataConnection) => connection.once('open', () => undefined));
    ids.forEach((id, other) => {
      if (other === index) return;
      if (index < other) self.connect(id, { reliable: true, serialization: 'raw' });
      self.call(id, stream);
    });
    await seen;
  },
  async uplinkBytesPerSecond(windowMs) {
    const before = await bytesSent();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    return ((await bytesSent()) - before) / (windowMs / 1_000);
  },
  async load(windowMs) {
    const [bytesBefore, busyBefore] = await Promise.all([bytesSent(), mainThreadBusyMs()]);
    const startedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const [bytesAfter, busyAfter] = await Promise.all([bytesSent(), mainThreadBusyMs()]);
    const seconds = (performance.now() - startedAt) / 1_000;
    return {
      uplinkBytesPerSecond: (bytesAfter - bytesBefore) / seconds,
      mainThreadBusyMsPerSecond: (busyAfter - busyBefore) / seconds,
      peerConnections: made.filter((pc) => pc.connectionState === 'connected').length,
    };
  },
  async receivedMedia(windowMs) {
    const before = await inbound();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = await inbound();
    const samples = after.totalSamples - before.totalSamples;
    return {
      // NaN, not 0, when nothing was received: a figure must not hide missing media.
      concealedRatio: samples > 0 ? (after.concealedSamples - before.concealedSamples) / samples : Number.NaN,
      videoFps:
        after.videoStreams > 0 ? (after.framesDecoded - before.framesDecoded) / after.videoStreams / (windowMs / 1_000) : Number.NaN,
    };
  },
  framesDecoded: async () => (await inbound()).framesDecoded,
  async framesPast(count, limitMs) {
    const deadline = performance.now() + limitMs;
    while ((await inbound()).framesDecoded <= count) {
      if (performance.now() > deadline) throw new Error(`no more than ${count} frames decoded within ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  },
  joinProgress: async () => progressLine(joinProgress),
  reset: () => reset(),
};

/** Sums over every inbound stream of every open connection of this page. */
async function inbound(): Promise<{ totalSamples: number; concealedSamples: number; framesDecoded: number; videoStreams: number }> {
  const sums = { totalSamples: 0, concealedSamples: 0, framesDecoded: 0, videoStreams: 0 };
  const reports = await Promise.all(made.filter((pc) => pc.connectionState !== 'closed').map((pc) => pc.getStats()));
  for (const report of reports) {
    report.forEach(
      (stats: { type: string; kind?: string; totalSamplesReceived?: number; concealedSamples?: number; framesDecoded?: number }) => {
        if (stats.type !== 'inbound-rtp') return;
        if (stats.kind === 'audio') {
          sums.totalSamples += stats.totalSamplesReceived ?? 0;
          sums.concealedSamples += stats.concealedSamples ?? 0;
        } else if (stats.kind === 'video') {
          sums.framesDecoded += stats.framesDecoded ?? 0;
          sums.videoStreams += 1;
        }
      },
    );
  }
  return sums;
}

/** RTP bytes (payload and headers) sent so far on every open connection of this page. */
async function bytesSent(): Promise<number> {
  const open = made.filter((pc) => pc.connectionState !== 'closed');
  const reports = await Promise.all(open.map((pc) => pc.getStats()));
  let total = 0;
  for (const report of reports) {
    report.forEach((stats: { type: string; bytesSent?: number; headerBytesSent?: number }) => {
      if (stats.type === 'outbound-rtp') total += (stats.bytesSent ?? 0) + (stats.headerBytesSent ?? 0);
    });
  }
  return total;
}

(globalThis as unknown as WithBenchMember).benchMember = member;
