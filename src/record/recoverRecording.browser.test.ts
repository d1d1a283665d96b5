/**
 * Recovery in real Chromium: a recording abandoned without stop() (as a closed tab leaves it)
 * is found, made seekable from its stored chunks, and removed.
 */
import { distinct, filter, firstValueFrom, skip } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingKit, type RecordingKit } from '../testing/recordingKit.ts';
import { inspectRecording } from './inspectRecording.ts';
import { deleteRecording, listInterruptedRecordings, recoverRecording } from './recoverRecording.ts';
import { StageRecorder } from './StageRecorder.ts';

let kit: RecordingKit;
beforeEach(() => {
  kit = recordingKit();
});
afterEach(() => kit.cleanup());

describe('recoverRecording', () => {
  it('recovers a recording abandoned without stop() into a seekable file, then deletes it', async () => {
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 320, height: 180 });
    const recorder = new StageRecorder(canvas, { audio: kit.tone(550), store, room: 'lost room', timesliceMs: 500 });
    const startedAt = performance.now();
    const meta = await recorder.start();
    // Five timeslices handed over (2.5 s of media), however slowly a loaded machine hands them:
    // a fixed wait left Firefox in CI with less than 2 s stored.
    await firstValueFrom(
      recorder.progress$.pipe(
        distinct(({ bytes }) => bytes),
        filter(({ bytes }) => bytes > 0),
        skip(4),
      ),
    );
    // The tab "closes": the recorder goes without stop(), so no finished marker is written
    // and the data of the last timeslice never arrives.
    recorder.dispose();
    const recordedForS = (performance.now() - startedAt) / 1000;
    // The chunks being written when it went are kept: wait for them, as a next visit would.
    await recorder.released;
    expect(
      kit
        .captured(canvas)
        .flatMap((stream) => stream.getTracks())
        .map((track) => track.readyState),
    ).toEqual(['ended']);

    const left = await listInterruptedRecordings({ store });
    expect(left).toEqual([expect.objectContaining({ id: meta.id, room: 'lost room', finished: false, mimeType: recorder.mimeType })]);
    const raw = await inspectRecording(await store.chunks(meta.id));
    expect(raw.seekable).toBe(false);
    // No usable duration: Chromium writes no Duration element when recording in timeslices,
    // Firefox writes 0.
    expect(raw.layout.durationS ?? 0).toBe(0);

    const recovered = await recoverRecording(meta.id, { store });
    const report = await inspectRecording(recovered.file);
    console.log(
      JSON.stringify({
        recovered: true,
        rawDurationS: raw.durationS,
        durationS: report.durationS,
        frames: report.videoFrames,
        remuxMs: Math.round(recovered.remuxMs),
      }),
    );
    expect(report.tracks.map((track) => track.type).sort()).toEqual(['audio', 'video']);
    expect(report.seekable).toBe(true);
    // Everything stored before the "crash": at least the 2 s of the first four timeslices,
    // and no more than was recorded.
    expect(report.durationS).toBeGreaterThan(1.9);
    expect(report.durationS).toBeLessThan(recordedForS + 0.3);
    expect(recovered.fileName).toMatch(/^peerstage-lost-room-\d{4}-\d{2}-\d{2}-\d{4}\.webm$/);
    expect(recovered.meta.finished).toBe(true);
    expect(await listInterruptedRecordings({ store })).toEqual([]);

    await recovered.delete();
    expect(await store.list()).toEqual([]);
  }, 30_000);

  it('says not-found for an unknown id, and for a recording with no data', async () => {
    const store = await kit.store();
    await expect(recoverRecording('rec-nope', { store })).rejects.toMatchObject({ name: 'RecordError', reason: 'not-found' });
    await expect(recoverRecording('..', { store })).rejects.toMatchObject({ reason: 'not-found' });
    const empty = await store.create({ mimeType: 'video/webm' });
    await expect(recoverRecording(empty.id, { store })).rejects.toMatchObject({ reason: 'not-found' });
    await deleteRecording(empty.id, { store });
    expect(await store.list()).toEqual([]);
    await expect(deleteRecording(empty.id, { store })).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('says remux-failed for chunks that are no WebM', async () => {
    const store = await kit.store();
    const junk = await store.create({ mimeType: 'video/webm' });
    await store.append(junk.id, 0, new Blob(['not a webm']));
    await expect(recoverRecording(junk.id, { store })).rejects.toMatchObject({ reason: 'remux-failed' });
    expect(await listInterruptedRecordings({ store })).toEqual([expect.objectContaining({ id: junk.id })]);
  });
});
