/**
 * A full disk in real Chromium: the origin's quota is squeezed through DevTools
 * (`Storage.overrideQuotaForOrigin`), so the Origin Private File System itself refuses writes
 * with a real `QuotaExceededError`, while recording and while making the seekable file.
 */
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingKit, TEST_RECORDINGS_FOLDER, type RecordingKit } from '../testing/recordingKit.ts';
import { inspectRecording } from './inspectRecording.ts';
import type { RecordingProgress } from './recordingProgress.ts';
import { listInterruptedRecordings, recoverRecording } from './recoverRecording.ts';
import { StageRecorder } from './StageRecorder.ts';

let kit: RecordingKit;
beforeEach(() => {
  kit = recordingKit();
});
afterEach(async () => {
  await roomAgain();
  await kit.cleanup();
});

/** Leaves `headroomBytes` of room above what the origin stores now. */
async function squeeze(headroomBytes: number): Promise<void> {
  const { usage = 0 } = await navigator.storage.estimate();
  await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin, quotaSize: usage + headroomBytes });
}

/** The quota as the browser sets it. */
async function roomAgain(): Promise<void> {
  await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin });
}

/** Recording `id`'s folder in the kit's store, to look at its files as they are. */
async function folderOf(id: string): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return (await root.getDirectoryHandle(TEST_RECORDINGS_FOLDER)).getDirectoryHandle(id);
}

async function storedFiles(id: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for await (const [name, handle] of (await folderOf(id)).entries()) {
    if (handle.kind === 'file') files.set(name, (await (handle as FileSystemFileHandle).getFile()).size);
  }
  return files;
}

describe('a full disk', () => {
  it('stops a recording at once with storage-full, keeps the chunks stored before, and they recover once there is room', async () => {
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 320, height: 180 });
    const recorder = new StageRecorder(canvas, { audio: kit.tone(), store, room: 'full', timesliceMs: 250 });
    kit.later(() => recorder.dispose());
    const seen: RecordingProgress[] = [];
    recorder.progress$.subscribe((progress) => seen.push(progress));
    const meta = await recorder.start();
    await vi.waitFor(async () => expect((await store.chunks(meta.id)).size).toBeGreaterThan(0), { timeout: 10_000 });

    // Not even room for the next chunk.
    await squeeze(64);
    await vi.waitFor(() => expect(recorder.state).toBe('failed'), { timeout: 10_000 });
    const failed = seen.at(-1);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatchObject({ name: 'RecordError', reason: 'storage-full' });
    expect(failed?.error?.cause).toMatchObject({ name: 'QuotaExceededError' });
    // Stopped: the capture ended with the MediaRecorder, without anyone pressing stop.
    expect(
      kit
        .captured(canvas)
        .flatMap((stream) => stream.getTracks())
        .map((track) => track.readyState),
    ).toEqual(['ended']);
    await expect(recorder.stop()).rejects.toBe(failed?.error);

    // Kept as an interrupted recording, free for this page (or another tab) to recover, and
    // without the empty file the refused chunk would have left.
    await recorder.released;
    expect(await listInterruptedRecordings({ store })).toEqual([meta]);
    const files = await storedFiles(meta.id);
    expect(files.has('meta.json')).toBe(true);
    const chunks = [...files].filter(([name]) => name.startsWith('chunk-'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter(([, bytes]) => bytes === 0)).toEqual([]);

    await roomAgain();
    const recovered = await recoverRecording(meta.id, { store });
    const report = await inspectRecording(recovered.file);
    expect(report.seekable).toBe(true);
    expect(report.durationS).toBeGreaterThan(0);
    await recovered.delete();
  }, 30_000);

  it('keeps nothing when not even the first chunk fits', async () => {
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 320, height: 180 });
    const recorder = new StageRecorder(canvas, { store, timesliceMs: 250 });
    kit.later(() => recorder.dispose());
    // Room for the metadata record, not for a chunk of video.
    await squeeze(2_048);
    const failure = new Promise((resolve) => recorder.progress$.subscribe(({ state, error }) => state === 'failed' && resolve(error)));
    await recorder.start().catch(() => undefined);
    expect(await failure).toMatchObject({ reason: 'storage-full' });
    await recorder.released;
    expect(await store.list()).toEqual([]);
  }, 30_000);

  it('a seekable file that does not fit is storage-full: what was written of it goes, the chunks stay to recover later', async () => {
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 320, height: 180 });
    const recorder = new StageRecorder(canvas, { audio: kit.tone(), store, timesliceMs: 250 });
    const meta = await recorder.start();
    await vi.waitFor(async () => expect((await store.chunks(meta.id)).size).toBeGreaterThan(20_000), { timeout: 10_000 });
    recorder.dispose();
    await recorder.released;
    const chunkBytes = (await store.chunks(meta.id)).size;

    // Room for half of the file the rewrite makes.
    await squeeze(Math.floor(chunkBytes / 2));
    await expect(recoverRecording(meta.id, { store })).rejects.toMatchObject({ reason: 'storage-full' });
    expect((await storedFiles(meta.id)).has('recording.webm')).toBe(false);
    expect((await store.chunks(meta.id)).size).toBe(chunkBytes);
    // Refused, and let go of: still offered.
    expect(await listInterruptedRecordings({ store })).toEqual([meta]);

    await roomAgain();
    const recovered = await recoverRecording(meta.id, { store });
    expect((await inspectRecording(recovered.file)).seekable).toBe(true);
    await recovered.delete();
  }, 30_000);
});
