/**
 * One member of a multi-page bench case, in a browser context (renderer process) of its own,
 * as a person in their own tab would be. The bench page drives it through the harness.
 */
import type { DataConnection, MediaConnection, Peer } from 'peerjs';
import { filter, firstValueFrom, map, scan, switchMap, take } from 'rxjs';
import { createSyntheticStream } from '../../src/media/createSyntheticStream.ts';
import { forEachPeer } from '../../src/room/forEachPeer.ts';
import { joinRoom } from '../../src/room/joinRoom.ts';
import type { Room } from '../../src/room/Room.ts';
import { firstFrame } from './firstFrame.ts';
import type { BenchMember, MemberMedia, WithBenchMember } from './memberApi.ts';
import { openPeer } from './peerjsPair.ts';

function syntheticStream(media: MemberMedia): MediaStream {
  const stream = createSyntheticStream({ label: 'member', width: 160, height: 120, fps: 15 });
  if (media === 'video+tone') return stream;
  // Stopping the tone closes its audio context too.
  stream.getAudioTracks().forEach((track) => track.stop());
  return new MediaStream(stream.getVideoTracks());
}
const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop());

/**
 * Resolves when `room` has presented a frame of `others` distinct members. Counted by ID
 * across roster changes: on a starved machine a link may drop and come back before media flows.
 */
function seenEveryone(room: Room, others: number): Promise<unknown> {
  return firstValueFrom(
    room.peers$.pipe(
      forEachPeer((peer) =>
        peer.stream$.pipe(
          filter((stream) => stream !== null),
          take(1),
          switchMap((stream) => firstFrame(stream)),
          map(() => peer.id),
        ),
      ),
      scan((seen, id) => seen.add(id), new Set<string>()),
      filter((seen) => seen.size === others),
    ),
  );
}

let reset = () => undefined as void;
let peer: { readonly peer: Peer; readonly stream: MediaStream } | undefined;

const member: BenchMember = {
  async joinRoom(roomId, others, media, passphrase) {
    const stream = syntheticStream(media);
    const room = joinRoom(roomId, { name: 'member', stream, iceServers: [], ...(passphrase === undefined ? {} : { passphrase }) });
    reset = () => {
      room.leave();
      stopTracks(stream);
    };
    await seenEveryone(room, others);
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
  reset: () => reset(),
};

(globalThis as unknown as WithBenchMember).benchMember = member;
