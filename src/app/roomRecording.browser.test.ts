/**
 * Recording a real room: the stage and the mix go on while a member joins and leaves.
 */
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { inspectRecording } from '../record/inspectRecording.ts';
import { joinRoom } from '../room/joinRoom.ts';
import type { Room } from '../room/Room.ts';
import { roomStage } from '../scene/roomStage.ts';
import type { Stage } from '../scene/Stage.ts';
import { placeContainer } from '../testing/canvasProbes.ts';
import { recordingKit } from '../testing/recordingKit.ts';
import { testSessionOptions } from '../testing/testSignaling.ts';
import { roomRecording } from './roomRecording.ts';

const releases: (() => unknown)[] = [];
afterEach(async () => {
  for (const release of releases.splice(0).reverse()) await release();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function member(roomId: string, name: string, frequency: number): Room {
  const { signaling, iceServers } = testSessionOptions();
  const stream = createSyntheticStream({ label: name, width: 160, height: 120, frequency });
  const room = joinRoom(roomId, { signaling, iceServers, name, stream });
  releases.push(() => {
    room.leave();
    for (const track of stream.getTracks()) track.stop();
  });
  return room;
}

describe('roomRecording', () => {
  it('records the stage and the mix through a member joining and leaving, into one seekable file', async () => {
    const kit = recordingKit();
    releases.push(() => kit.cleanup());
    const roomId = `rec-${crypto.randomUUID()}`;
    member(roomId, 'ada', 440);
    const self = createSyntheticStream({ label: 'me', width: 160, height: 120, frequency: 330 });
    releases.push(() => {
      for (const track of self.getTracks()) track.stop();
    });
    const box = placeContainer(320, 180);
    releases.push(box.remove);
    const { signaling, iceServers } = testSessionOptions();
    const me = joinRoom(roomId, { signaling, iceServers, name: 'me', stream: self });
    releases.push(() => me.leave());
    await firstValueFrom(me.peers$.pipe(filter((peers) => peers.length === 1)));
    let stage: Stage | undefined;
    const shown: Subscription = me.peers$.pipe(roomStage({ container: box.element, pixelRatio: 1 })).subscribe((made) => (stage = made));
    releases.push(() => shown.unsubscribe());

    const { recorder, release } = roomRecording({
      stage: stage!,
      peers$: me.peers$,
      self,
      recorder: { store: await kit.store(), room: roomId },
    });
    releases.push(release);
    expect(stage!.renderWhileHidden).toBe(true);
    const startedAt = performance.now();
    await recorder.start();
    await wait(1_000);
    const bo = member(roomId, 'bo', 550);
    await firstValueFrom(me.peers$.pipe(filter((peers) => peers.length === 2)));
    await wait(1_000);
    bo.leave();
    await firstValueFrom(me.peers$.pipe(filter((peers) => peers.length === 1)));
    await wait(1_000);
    const recording = await recorder.stop();
    const recordedS = (performance.now() - startedAt) / 1_000;
    release();
    expect(stage!.renderWhileHidden).toBe(false);

    const report = await inspectRecording(recording.file);
    expect(report.tracks.map((track) => track.type).sort()).toEqual(['audio', 'video']);
    expect(report.seekable).toBe(true);
    // Wall time includes the start-up and the stop: the file is somewhat shorter, never longer.
    // Firefox's VP8 files lose more of their end on a busy machine (measured: 3.5 s of 4.7).
    const shortest = MediaRecorder.isTypeSupported('video/webm;codecs=vp9') ? 0.75 : 0.6;
    expect(report.durationS).toBeGreaterThan(recordedS * shortest);
    expect(report.durationS).toBeLessThan(recordedS * 1.05);
    await recording.delete();
  }, 60_000);
});
