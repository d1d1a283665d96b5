/**
 * The uplink budget on real calls: each member's senders carry its share (splitUplink.ts) in
 * both engines, and the share follows the member count.
 */
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, expect, inject, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { recordPeerConnections, type PeerConnectionRecord } from '../testing/recordPeerConnections.ts';
import { testSessionOptions } from '../testing/testSignaling.ts';
import { joinRoom } from './joinRoom.ts';
import type { Room } from './Room.ts';
import { MIN_VIDEO_KBPS, shareUplink, splitUplink } from './splitUplink.ts';

const rooms: Room[] = [];
const streams: MediaStream[] = [];
let record: PeerConnectionRecord | undefined;
afterEach(() => {
  for (const room of rooms.splice(0)) room.leave();
  for (const track of streams.splice(0).flatMap((stream) => stream.getTracks())) track.stop();
  record?.restore();
});

function join(roomId: string, name: string, uplinkKbps: number): Room & { readonly stream: MediaStream } {
  const stream = createSyntheticStream({ label: name, width: 320, height: 240 });
  streams.push(stream);
  const room = joinRoom(roomId, { ...testSessionOptions(inject('signalingPort')), name, stream, uplinkKbps });
  rooms.push(room);
  return Object.assign(room, { stream });
}

/** Resolves once `room` lists `count` other members. */
const untilMembers = (room: Room, count: number) => firstValueFrom(room.peers$.pipe(filter((peers) => peers.length === count)));

/** What the senders of `stream`'s video are set to now, over all recorded calls. */
function videoSentFrom(
  made: readonly RTCPeerConnection[],
  stream: MediaStream,
): Array<Pick<RTCRtpEncodingParameters, 'maxBitrate' | 'scaleResolutionDownBy'>> {
  const [track] = stream.getVideoTracks();
  return made
    .filter((pc) => pc.connectionState === 'connected')
    .flatMap((pc) => pc.getSenders())
    .filter((sender) => sender.track === track)
    .map((sender) => sender.getParameters().encodings[0] ?? {})
    .map(({ maxBitrate, scaleResolutionDownBy }) => ({ maxBitrate, scaleResolutionDownBy }));
}

/** What every sender that sends a track of `kind` is set to now, over all recorded calls. */
function sentEncodings(made: readonly RTCPeerConnection[], kind: 'audio' | 'video'): RTCRtpEncodingParameters[] {
  return made
    .filter((pc) => pc.connectionState === 'connected')
    .flatMap((pc) => pc.getSenders())
    .filter((sender) => sender.track?.kind === kind)
    .map((sender) => sender.getParameters().encodings[0] ?? {});
}

it('gives each call its share of the uplink, audio first, and splits it again as members come and go', async () => {
  record = recordPeerConnections();
  const roomId = `budget-${crypto.randomUUID()}`;
  const ada = join(roomId, 'ada', 900);
  const bo = join(roomId, 'bo', 900);
  await Promise.all([untilMembers(ada, 1), untilMembers(bo, 1)]);
  const { made } = record;
  // Ada and Bo each send on one call: the whole budget less audio's share and the headers.
  const whole = splitUplink(900, 1).video.maxBitrate;
  await expect.poll(() => sentEncodings(made, 'video').map((encoding) => encoding.maxBitrate), { timeout: 10_000 }).toEqual([whole, whole]);
  expect(sentEncodings(made, 'audio').map((encoding) => encoding.maxBitrate)).toEqual([40_000, 40_000]);

  const cy = join(roomId, 'cy', 900);
  await Promise.all([untilMembers(ada, 2), untilMembers(bo, 2), untilMembers(cy, 2)]);
  // Three members: each sends on two calls, each with half the budget, at a smaller size.
  const { video } = splitUplink(900, 2);
  await expect
    .poll(() => sentEncodings(made, 'video').map(({ maxBitrate, scaleResolutionDownBy }) => ({ maxBitrate, scaleResolutionDownBy })), {
      timeout: 10_000,
    })
    .toEqual(Array.from({ length: 6 }, () => ({ maxBitrate: video.maxBitrate, scaleResolutionDownBy: video.scaleResolutionDownBy })));

  cy.leave();
  await Promise.all([untilMembers(ada, 1), untilMembers(bo, 1)]);
  await expect.poll(() => sentEncodings(made, 'video').map((encoding) => encoding.maxBitrate), { timeout: 10_000 }).toEqual([whole, whole]);
});

it('sends a member no larger a picture than it shows, and gives the rest of the budget to the others', async () => {
  record = recordPeerConnections();
  const roomId = `view-${crypto.randomUUID()}`;
  const [ada, bo, cy] = [join(roomId, 'ada', 900), join(roomId, 'bo', 900), join(roomId, 'cy', 900)];
  await Promise.all([untilMembers(ada, 2), untilMembers(bo, 2), untilMembers(cy, 2)]);
  const { made } = record;
  const even = splitUplink(900, 2).video;
  await expect
    .poll(() => videoSentFrom(made, ada.stream), { timeout: 10_000 })
    .toEqual([even, even].map(({ maxBitrate, scaleResolutionDownBy }) => ({ maxBitrate, scaleResolutionDownBy })));

  // Bo shows Ada's video at 80 x 60: a quarter of Ada's 320 x 240 each way, at video's floor;
  // Ada's call to Cy gets what Bo's does not need.
  const adaAtBo = (await firstValueFrom(bo.peers$)).find((peer) => peer.name === 'ada');
  adaAtBo?.showVideoAt({ width: 80, height: 60 });
  const [small, rest] = shareUplink(900, [
    { view: { width: 80, height: 60 }, source: { width: 320, height: 240 } },
    { view: null, source: { width: 320, height: 240 } },
  ]);
  const expected = [small, rest].map((share) => ({
    maxBitrate: share?.video.maxBitrate,
    scaleResolutionDownBy: share?.video.scaleResolutionDownBy,
  }));
  expect(expected[0]).toEqual({ maxBitrate: MIN_VIDEO_KBPS * 1_000, scaleResolutionDownBy: 4 });
  await expect
    .poll(() => videoSentFrom(made, ada.stream).sort((a, b) => (a.maxBitrate ?? 0) - (b.maxBitrate ?? 0)), { timeout: 10_000 })
    .toEqual(expected);

  // Shown at any size again: an even split.
  adaAtBo?.showVideoAt(null);
  await expect
    .poll(() => videoSentFrom(made, ada.stream), { timeout: 10_000 })
    .toEqual([even, even].map(({ maxBitrate, scaleResolutionDownBy }) => ({ maxBitrate, scaleResolutionDownBy })));
});
