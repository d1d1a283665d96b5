/**
 * StageRecorder in real Chromium: MediaRecorder, the Origin Private File System and the
 * mediabunny rewrite, read back with mediabunny.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordingKit, type RecordingKit } from '../testing/recordingKit.ts';
import { inspectRecording } from './inspectRecording.ts';
import type { RecordingProgress } from './recordingProgress.ts';
import { RecordError } from './RecordError.ts';
import { StageRecorder } from './StageRecorder.ts';
import type { StageRecorderOptions } from './recorderOptions.ts';

let kit: RecordingKit;

beforeAll(async () => {
  // The page's first VP9 recording loads and starts the encoder: on a busy machine its first
  // 0.3 s never reach the file. Warm it once, so the tests measure recording, not start-up.
  const warm = recordingKit();
  const made = new StageRecorder(warm.movingCanvas({ width: 320, height: 180 }).canvas, { audio: warm.tone(), store: await warm.store() });
  await made.start();
  await wait(1_000);
  await (await made.stop()).delete();
  made.dispose();
  await warm.cleanup();
}, 30_000);

beforeEach(() => {
  kit = recordingKit();
});
afterEach(() => kit.cleanup());

/** The best codec the browser records: VP9 in Chromium; Firefox's MediaRecorder has VP8 only. */
const videoCodec = MediaRecorder.isTypeSupported('video/webm;codecs=vp9') ? 'vp9' : 'vp8';

/**
 * How close a 5 s file comes to the time recorded and to every frame drawn. Firefox's VP8
 * encoder falls behind on a busy 2-core machine (measured: 86 of 137 frames, the file 10 %
 * short, as its last frames never reach the file): looser there, and said so in the README.
 */
const fidelity = videoCodec === 'vp9' ? { durationError: 0.05, frames: 0.9 } : { durationError: 0.2, frames: 0.5 };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function recorder(source: HTMLCanvasElement | MediaStream, options: StageRecorderOptions = {}) {
  const made = new StageRecorder(source, { store: await kit.store(), room: 'test room', ...options });
  kit.later(() => made.dispose());
  const seen: RecordingProgress[] = [];
  made.progress$.subscribe((progress) => seen.push(progress));
  return { recorder: made, seen };
}

describe('StageRecorder', () => {
  it('records 5 s of a moving canvas with a tone into a seekable WebM: two tracks, the duration, the frames', async () => {
    const { canvas, draws } = kit.movingCanvas({ width: 640, height: 360, drawFps: 30 });
    const { recorder: made, seen } = await recorder(canvas, { audio: kit.tone(440), fps: 30 });
    expect(made.mimeType).toBe(`video/webm;codecs=${videoCodec},opus`);

    const meta = await made.start();
    const drawsAtStart = draws();
    const startedAt = performance.now();
    await wait(5_000);
    const drawsAtStop = draws();
    const recording = await made.stop();
    const wallMs = performance.now() - startedAt;

    const elapsedMs = seen.filter((p) => p.state === 'stopped').at(-1)?.elapsedMs ?? NaN;
    const report = await inspectRecording(recording.file);
    const expectedFrames = 30 * report.durationS;
    const captured = kit.captured(canvas)[0]?.getVideoTracks()[0];
    console.log(
      JSON.stringify({
        mimeType: made.mimeType,
        wallMs: Math.round(wallMs),
        elapsedMs: Math.round(elapsedMs),
        durationS: report.durationS,
        durationError: (report.durationS * 1000 - elapsedMs) / elapsedMs,
        videoFrames: report.videoFrames,
        expectedFrames: Math.round(expectedFrames),
        canvasDraws: drawsAtStop - drawsAtStart,
        remuxMs: Math.round(recording.remuxMs),
        bytes: recording.file.size,
        layout: report.layout,
        tracks: report.tracks,
      }),
    );

    expect(report.tracks.map((track) => `${track.type}:${track.codec}`).sort()).toEqual(['audio:opus', `video:${videoCodec}`]);
    expect(Math.abs(report.durationS * 1000 - elapsedMs) / elapsedMs).toBeLessThan(fidelity.durationError);
    expect(report.videoFrames).toBeGreaterThanOrEqual(fidelity.frames * expectedFrames);
    expect(report.seekable).toBe(true);
    expect(report.layout).toMatchObject({ hasSeekHead: true, hasCues: true, unknownSizeClusters: false });
    expect(report.layout.durationS).toBeCloseTo(report.durationS, 1);

    // Progress: recording with a running clock and growing bytes, then stopped, saving, saved.
    const states = seen.map((p) => p.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['idle', 'recording', 'stopped', 'saving', 'saved']);
    expect(seen.filter((p) => p.state === 'recording').length).toBeGreaterThan(10);
    expect(seen.at(-1)?.bytes).toBeGreaterThan(0);

    // Released: the captured canvas track ended (the tone is the caller's to stop).
    expect(captured?.readyState).toBe('ended');
    expect(
      kit
        .captured()
        .flatMap((stream) => stream.getTracks())
        .filter((track) => track.readyState === 'live'),
    ).toEqual([]);

    // The file is named after the room and the start, and its chunks are gone from the store.
    expect(recording.fileName).toMatch(/^peerstage-test-room-\d{4}-\d{2}-\d{2}-\d{4}\.webm$/);
    expect(recording.meta).toMatchObject({ id: meta.id, room: 'test room', finished: true });
    const video = document.createElement('video');
    video.src = URL.createObjectURL(recording.file);
    kit.later(() => URL.revokeObjectURL(video.src));
    await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
    // A player sees a finite duration at once: the seek bar works.
    expect(video.duration).toBeCloseTo(report.durationS, 1);
    await recording.delete();
    expect(await (await kit.store()).list()).toEqual([]);
  }, 60_000);

  it('leaves paused time out of the file and of the elapsed time', async () => {
    const { canvas } = kit.movingCanvas({ width: 320, height: 240 });
    const { recorder: made, seen } = await recorder(canvas, { audio: kit.tone(660), timesliceMs: 1_000 });
    await made.start();
    await wait(2_000);
    made.pause();
    const pausedAt = performance.now();
    const elapsedAtPause = seen.at(-1)?.elapsedMs;
    await wait(2_000);
    expect(made.state).toBe('paused');
    // The clock stands still while paused.
    expect(seen.at(-1)?.elapsedMs).toBe(elapsedAtPause);
    const pausedMs = performance.now() - pausedAt;
    made.resume();
    await wait(2_000);
    const recording = await made.stop();
    const report = await inspectRecording(recording.file);
    const elapsedMs = seen.filter((p) => p.state === 'stopped').at(-1)?.elapsedMs ?? NaN;
    const durationMs = report.durationS * 1000;
    console.log(
      JSON.stringify({
        pause: true,
        elapsedMs: Math.round(elapsedMs),
        pausedMs: Math.round(pausedMs),
        durationS: report.durationS,
        frames: report.videoFrames,
        tracks: report.tracks,
      }),
    );

    // Timers stretch on a busy machine, so the check is relative: the file is as long as the
    // time recorded, and nowhere near that plus the pause.
    expect(Math.abs(durationMs - elapsedMs) / elapsedMs).toBeLessThan(0.05);
    expect(durationMs).toBeLessThan(elapsedMs + pausedMs / 2);
    expect(report.seekable).toBe(true);
  }, 60_000);

  it('records video only when there is no audio', async () => {
    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const { recorder: made } = await recorder(canvas, { audio: new MediaStream() });
    expect(made.mimeType).toBe(`video/webm;codecs=${videoCodec}`);
    await made.start();
    await wait(1_000);
    const report = await inspectRecording((await made.stop()).file);
    expect(report.tracks.map((track) => track.type)).toEqual(['video']);
    expect(report.seekable).toBe(true);
  }, 30_000);

  it('records a MediaStream as it is and leaves its tracks to their owner', async () => {
    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const stream = canvas.captureStream(30);
    kit.later(() => {
      for (const track of stream.getTracks()) track.stop();
    });
    const { recorder: made } = await recorder(stream, { mimeType: ['video/webm;codecs=vp8', 'video/webm'] });
    expect(made.mimeType).toBe('video/webm;codecs=vp8');
    await made.start();
    await wait(1_000);
    const report = await inspectRecording((await made.stop()).file);
    expect(report.tracks.map((track) => `${track.type}:${track.codec}`)).toEqual(['video:vp8']);
    expect(stream.getVideoTracks()[0]?.readyState).toBe('live');
  }, 30_000);

  it('throws a RangeError for bad options at construction, and a typed error when the browser cannot record', async () => {
    const { canvas } = kit.movingCanvas({ width: 64, height: 64 });
    const reasonOf = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        if (error instanceof RecordError) return error.reason;
        return error instanceof RangeError ? 'RangeError' : `neither a RangeError nor a RecordError: ${String(error)}`;
      }
      return 'no error';
    };
    const tone = kit.tone();
    const capturedBefore = kit.captured().length;
    const empty = document.createElement('canvas');
    empty.width = 0;
    expect(reasonOf(() => new StageRecorder(canvas, { fps: 0 }))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(canvas, { fps: Number.NaN }))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(canvas, { videoBitsPerSecond: -1 }))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(canvas, { audioBitsPerSecond: Infinity }))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(canvas, { timesliceMs: 10 }))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(canvas, { mimeType: 'video/mp4;codecs=avc1' }))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(empty))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(tone))).toBe('RangeError');
    expect(reasonOf(() => new StageRecorder(canvas, { mimeType: 'video/webm;codecs=nonsense' }))).toBe('unsupported');
    expect(kit.captured()).toHaveLength(capturedBefore);
  });

  it('refuses controls out of turn and after dispose, and releases a recording disposed mid-way', async () => {
    const { canvas } = kit.movingCanvas({ width: 64, height: 64 });
    const { recorder: made, seen } = await recorder(canvas);
    expect(() => made.pause()).toThrow(expect.objectContaining({ name: 'RecordError', reason: 'invalid-state' }));
    await expect(made.stop()).rejects.toMatchObject({ reason: 'invalid-state' });
    await made.start();
    await expect(made.start()).rejects.toMatchObject({ reason: 'invalid-state' });
    made.dispose();
    expect(made.disposed).toBe(true);
    expect(
      kit
        .captured(canvas)
        .flatMap((stream) => stream.getTracks())
        .map((track) => track.readyState),
    ).toEqual(['ended']);
    expect(() => made.resume()).toThrow(expect.objectContaining({ reason: 'disposed' }));
    let completed = false;
    made.progress$.subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
    expect(seen.at(-1)?.state).toBe('recording');
    expect(made.dispose()).toBe(made);
  });
});
