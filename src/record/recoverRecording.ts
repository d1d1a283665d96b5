/**
 * Recordings a closed or crashed tab left behind, found on the next load: interrupted ones made
 * whole, finished ones opened, either deleted. Tabs of one origin share the store, so each of
 * these honours the recording's Web Lock: what another open tab has (records, saves, keeps
 * finished) is neither listed nor touched.
 */
import { finishedRecording, finishRecording, type FinishedRecording } from './finishRecording.ts';
import { heldRecordingLocks, holdRecordingLock, type RecordingLock } from './recordingLock.ts';
import type { RecordingMeta } from './RecordingMeta.ts';
import { RecordingStore } from './RecordingStore.ts';
import { RecordError } from './RecordError.ts';

export interface RecoveryOptions {
  /** Default: the Origin Private File System's `peerstage-recordings` folder. */
  readonly store?: RecordingStore;
}

/**
 * Stored recordings that no open tab has, oldest first: those a closed or crashed tab left.
 * `meta.finished` tells them apart: `false` was interrupted (recover it, or delete it), `true`
 * was stopped and made seekable but never deleted (open it, or delete it). A recording another
 * tab is recording, saving or keeping is left out, and listed again once that tab lets go of it
 * or closes.
 *
 * @example
 * ```ts
 * for (const meta of await listRecordings()) {
 *   console.log(meta.id, meta.finished ? 'finished: open it' : 'interrupted: recover it');
 * }
 * ```
 */
export async function listRecordings(options: RecoveryOptions = {}): Promise<RecordingMeta[]> {
  const store = options.store ?? (await RecordingStore.open());
  const stored = await store.list();
  // Read after the files: a recording whose tab let go in between is listed, one that a tab
  // started in between is not yet in the files.
  const held = await heldRecordingLocks();
  return stored.filter((meta) => !held.has(store.lockName(meta.id)));
}

/**
 * Stored recordings without the finished marker that no open tab has, oldest first: each can
 * be recovered (or deleted).
 *
 * @example
 * ```ts
 * for (const meta of await listInterruptedRecordings()) {
 *   console.log(`${meta.room ?? 'a room'}, ${new Date(meta.startedAt).toLocaleString()}`, meta.id);
 * }
 * ```
 */
export async function listInterruptedRecordings(options: RecoveryOptions = {}): Promise<RecordingMeta[]> {
  return (await listRecordings(options)).filter((meta) => !meta.finished);
}

/**
 * Makes interrupted recording `id` seekable from the chunks that reached storage (a crash
 * loses at most the last timeslice) and removes its chunks; the seekable file stays until
 * `delete()`, and this page has the recording until then (or `release()`). A recording that is
 * already finished is opened as it is. Throws a {@link RecordError}: `'in-use'` while another
 * tab has it, `'not-found'` for an unknown id or one with no data, `'remux-failed'`,
 * `'storage'`, `'storage-full'` (the chunks stay: recover again once there is room).
 *
 * @example
 * ```ts
 * const [left] = await listInterruptedRecordings();
 * if (left) {
 *   const recording = await recoverRecording(left.id);
 *   await downloadBlob(recording.file, recording.fileName);
 *   await recording.delete();
 * }
 * ```
 */
export async function recoverRecording(id: string, options: RecoveryOptions = {}): Promise<FinishedRecording> {
  const store = options.store ?? (await RecordingStore.open());
  await store.meta(id); // an unknown id is 'not-found' before any work
  const lock = await holdRecordingLock(store.lockName(id));
  let meta: RecordingMeta;
  try {
    // Read again under the lock: another tab may have recovered it just before.
    meta = await store.meta(id);
  } catch (error) {
    await lock.release();
    throw error;
  }
  if (meta.finished) return opened(store, meta, lock);
  return finishRecording(store, id, lock);
}

/**
 * Opens finished recording `id` (one `listRecordings` gives with `finished: true`) as it is
 * stored; this page has it until `delete()` or `release()`. Throws a {@link RecordError}:
 * `'in-use'` while another tab has it, `'not-found'` for an unknown id or a missing seekable
 * file, `'invalid-state'` for an interrupted one (recover it instead).
 *
 * @example
 * ```ts
 * const left = (await listRecordings()).filter((meta) => meta.finished);
 * for (const meta of left) {
 *   const recording = await openRecording(meta.id);
 *   await downloadBlob(recording.file, recording.fileName);
 *   await recording.release();
 * }
 * ```
 */
export async function openRecording(id: string, options: RecoveryOptions = {}): Promise<FinishedRecording> {
  const store = options.store ?? (await RecordingStore.open());
  await store.meta(id);
  const lock = await holdRecordingLock(store.lockName(id));
  try {
    const meta = await store.meta(id);
    if (!meta.finished) throw new RecordError('invalid-state', `Recording ${id} was interrupted: recover it to open it`);
    return await opened(store, meta, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Removes stored recording `id`, finished or not. Throws a {@link RecordError}: `'in-use'`
 * while another tab has it (a recording is never deleted from under the tab making it),
 * `'not-found'`, `'storage'`. A recording this page has is deleted with its own `delete()`.
 *
 * @example
 * ```ts
 * for (const meta of await listInterruptedRecordings()) await deleteRecording(meta.id);
 * ```
 */
export async function deleteRecording(id: string, options: RecoveryOptions = {}): Promise<void> {
  const store = options.store ?? (await RecordingStore.open());
  const lock = await holdRecordingLock(store.lockName(id));
  try {
    await store.delete(id);
  } finally {
    await lock.release();
  }
}

async function opened(store: RecordingStore, meta: RecordingMeta, lock: RecordingLock): Promise<FinishedRecording> {
  try {
    return finishedRecording(store, meta, await store.seekable(meta.id), 0, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}
