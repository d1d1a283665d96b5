/**
 * Recordings a closed or crashed tab left behind, found on the next load and made whole.
 */
import { finishRecording, type FinishedRecording } from './finishRecording.ts';
import type { RecordingMeta } from './RecordingMeta.ts';
import { RecordingStore } from './RecordingStore.ts';

export interface RecoveryOptions {
  /** Default: the Origin Private File System's `peerstage-recordings` folder. */
  readonly store?: RecordingStore;
}

/**
 * Stored recordings without the finished marker, oldest first: each can be recovered (or deleted).
 *
 * @example
 * ```ts
 * for (const meta of await listInterruptedRecordings()) {
 *   offer(`${meta.room ?? 'a room'}, ${new Date(meta.startedAt).toLocaleString()}`, meta.id);
 * }
 * ```
 */
export async function listInterruptedRecordings(options: RecoveryOptions = {}): Promise<RecordingMeta[]> {
  return (await (options.store ?? RecordingStore.open())).interrupted();
}

/**
 * Makes interrupted recording `id` seekable from the chunks that reached storage (a crash
 * loses at most the last timeslice) and removes its chunks; the seekable file stays until
 * `delete()`. Throws a {@link RecordError}: `'not-found'` for an unknown id or one with no
 * data, `'remux-failed'`, `'storage'`.
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
  return finishRecording(store, id);
}

/**
 * Removes stored recording `id`, finished or not.
 *
 * @example
 * ```ts
 * for (const meta of await listInterruptedRecordings()) await deleteRecording(meta.id);
 * ```
 */
export async function deleteRecording(id: string, options: RecoveryOptions = {}): Promise<void> {
  await (options.store ?? (await RecordingStore.open())).delete(id);
}
