/**
 * Which tab has a recording, in real Chromium: Web Locks held by this page, by a worker (another
 * lock client, as another tab is; it ends as a closing tab does), and by a recorder from start()
 * to the finished recording it hands over.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingKit, type RecordingKit } from '../testing/recordingKit.ts';
import { inspectRecording } from './inspectRecording.ts';
import { heldRecordingLocks, holdRecordingLock } from './recordingLock.ts';
import { deleteRecording, listInterruptedRecordings, listRecordings, openRecording, recoverRecording } from './recoverRecording.ts';
import { StageRecorder } from './StageRecorder.ts';

let kit: RecordingKit;
beforeEach(() => {
  kit = recordingKit();
});
afterEach(() => kit.cleanup());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another lock client holding `name`, as another tab would; `terminate()` ends it as a tab closing does. */
async function otherTabHolding(name: string): Promise<Worker> {
  const source = `onmessage = (event) => navigator.locks.request(event.data, { ifAvailable: true }, (lock) => {
    postMessage(lock !== null);
    return new Promise(() => {});
  });`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  kit.later(() => worker.terminate());
  const granted = new Promise<boolean>((resolve) =>
    worker.addEventListener('message', (event: MessageEvent<boolean>) => resolve(event.data), { once: true }),
  );
  worker.postMessage(name);
  expect(await granted).toBe(true);
  return worker;
}

describe('holdRecordingLock', () => {
  it('holds a name until released; meanwhile a second hold is refused with in-use, and listings see it held', async () => {
    const name = `peerstage-recording:test/${crypto.randomUUID()}`;
    const lock = await holdRecordingLock(name);
    expect(lock.held).toBe(true);
    expect((await heldRecordingLocks()).has(name)).toBe(true);
    await expect(holdRecordingLock(name)).rejects.toMatchObject({ name: 'RecordError', reason: 'in-use' });
    await lock.release();
    expect(lock.held).toBe(false);
    // Free as soon as release() resolves: a listing right after sees it free.
    expect((await heldRecordingLocks()).has(name)).toBe(false);
    await lock.release(); // idempotent
    const again = await holdRecordingLock(name);
    await again.release();
  });
});

describe('recordings another tab has', () => {
  it('are neither listed nor recovered, opened or deleted while that tab holds them, and are offered once it closes', async () => {
    const store = await kit.store();
    const left = await store.create({ room: 'other tab', mimeType: 'video/webm' });
    await store.append(left.id, 0, new Blob(['chunk']));
    const worker = await otherTabHolding(store.lockName(left.id));

    expect(await store.interrupted()).toHaveLength(1);
    expect(await listRecordings({ store })).toEqual([]);
    expect(await listInterruptedRecordings({ store })).toEqual([]);
    await expect(recoverRecording(left.id, { store })).rejects.toMatchObject({ reason: 'in-use' });
    await expect(openRecording(left.id, { store })).rejects.toMatchObject({ reason: 'in-use' });
    await expect(deleteRecording(left.id, { store })).rejects.toMatchObject({ reason: 'in-use' });
    // Refused, not damaged: the record and the chunk are as they were.
    expect(await store.meta(left.id)).toEqual(left);
    expect(await (await store.chunks(left.id)).text()).toBe('chunk');

    worker.terminate();
    await vi.waitFor(async () => expect(await listInterruptedRecordings({ store })).toEqual([left]));
    await deleteRecording(left.id, { store });
    expect(await store.list()).toEqual([]);
  });
});

describe('a StageRecorder', () => {
  it('has its recording from start() on, hands it to the finished recording at stop(), and lets go of it on release()', async () => {
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const recorder = new StageRecorder(canvas, { store, room: 'held', timesliceMs: 200 });
    kit.later(() => recorder.dispose());
    const meta = await recorder.start();
    await vi.waitFor(async () => expect((await store.chunks(meta.id)).size).toBeGreaterThan(0), { timeout: 10_000 });

    expect(await store.interrupted()).toEqual([meta]);
    expect(await listRecordings({ store })).toEqual([]);
    await expect(recoverRecording(meta.id, { store })).rejects.toMatchObject({ reason: 'in-use' });
    await expect(deleteRecording(meta.id, { store })).rejects.toMatchObject({ reason: 'in-use' });
    expect(recorder.state).toBe('recording');

    await wait(600);
    const recording = await recorder.stop();
    recorder.dispose();
    // Stopped, but this page still has it: it is not another tab's to offer.
    expect(await listRecordings({ store })).toEqual([]);
    await expect(openRecording(meta.id, { store })).rejects.toMatchObject({ reason: 'in-use' });

    await recording.release();
    expect(await listRecordings({ store })).toEqual([expect.objectContaining({ id: meta.id, finished: true })]);
    expect(await listInterruptedRecordings({ store })).toEqual([]);
    const reopened = await openRecording(meta.id, { store });
    expect(reopened.fileName).toBe(recording.fileName);
    expect((await inspectRecording(reopened.file)).seekable).toBe(true);
    expect(await listRecordings({ store })).toEqual([]);
    await reopened.delete();
    expect(await store.list()).toEqual([]);
  }, 30_000);

  it('lets go of a recording it is disposed in the middle of: once released, it is offered and can be recovered', async () => {
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const recorder = new StageRecorder(canvas, { store, room: 'dropped', timesliceMs: 200 });
    const meta = await recorder.start();
    // Firefox's first chunk can take over a second to arrive, whatever the timeslice.
    await vi.waitFor(async () => expect((await store.chunks(meta.id)).size).toBeGreaterThan(0), { timeout: 10_000 });
    recorder.dispose();
    await recorder.released;
    expect(await listInterruptedRecordings({ store })).toEqual([meta]);
    const recovered = await recoverRecording(meta.id, { store });
    expect(recovered.meta.finished).toBe(true);
    // The page that recovered it has it now.
    expect(await listRecordings({ store })).toEqual([]);
    await expect(recoverRecording(meta.id, { store })).rejects.toMatchObject({ reason: 'in-use' });
    await recovered.delete();
    expect(await store.list()).toEqual([]);
  }, 30_000);

  it('refuses to open an interrupted recording, and recovers a finished one as it is', async () => {
    const store = await kit.store();
    const interrupted = await store.create({ mimeType: 'video/webm' });
    await expect(openRecording(interrupted.id, { store })).rejects.toMatchObject({ reason: 'invalid-state' });
    // Refused without keeping the lock.
    expect(await listRecordings({ store })).toEqual([interrupted]);
    await deleteRecording(interrupted.id, { store });

    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const recorder = new StageRecorder(canvas, { store, timesliceMs: 200 });
    kit.later(() => recorder.dispose());
    await recorder.start();
    await wait(600);
    const recording = await recorder.stop();
    await recording.release();
    const again = await recoverRecording(recording.meta.id, { store });
    expect(again.remuxMs).toBe(0);
    expect(await (await again.file.arrayBuffer()).byteLength).toBe(recording.file.size);
    await again.delete();
  }, 30_000);
});
