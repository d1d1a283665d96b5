/**
 * Turning a stored recording's chunks into its seekable file: after `stop()`, and on recovery.
 */
import { recordingFileName } from './recordingFileName.ts';
import type { RecordingLock } from './recordingLock.ts';
import type { RecordingMeta } from './RecordingMeta.ts';
import type { RecordingStore } from './RecordingStore.ts';
import { RecordError } from './RecordError.ts';
import { remuxToSeekable } from './remuxToSeekable.ts';

/**
 * A recording made seekable, kept in the store until `delete()`. The page that has this object
 * has the recording: other tabs neither list it nor touch it until `delete()` or `release()`,
 * or until this page goes (then the next visit offers it).
 */
export interface FinishedRecording {
  readonly meta: RecordingMeta;
  /** The seekable WebM, read from the store's file (not held in memory). */
  readonly file: Blob;
  /** A name to save it under: room, date and time (see `recordingFileName`). */
  readonly fileName: string;
  /** How long the rewrite into a seekable file took, in ms (0 for one opened as it was). */
  readonly remuxMs: number;
  /** Removes it from the store, then lets go of it; `file` cannot be read after. */
  delete(): Promise<void>;
  /**
   * Lets go of it and keeps it in the store: other tabs, and later visits, list it again
   * (`listRecordings`). `file` stays readable here until someone deletes it. Idempotent.
   */
  release(): Promise<void>;
}

/**
 * Rewrites the chunks of `id` into its seekable file, then sets the finished marker and
 * removes the chunks. The marker comes only once the file is whole, so a tab closed in the
 * middle leaves a recording that is still offered for recovery. `lock` (the recording's Web
 * Lock, held by the caller) passes to the result, or is released on a failure. Throws a
 * {@link RecordError}: `'not-found'` when nothing was recorded, `'remux-failed'`, `'storage'`;
 * `'storage-full'` when the seekable file does not fit, after removing what was written of it
 * (the chunks stay, to recover once there is room).
 *
 * @example
 * ```ts
 * import { holdRecordingLock } from 'peerstage/record';
 * const recording = await finishRecording(store, meta.id, await holdRecordingLock(store.lockName(meta.id)));
 * await downloadBlob(recording.file, recording.fileName);
 * await recording.delete();
 * ```
 */
export async function finishRecording(store: RecordingStore, id: string, lock?: RecordingLock): Promise<FinishedRecording> {
  try {
    const chunks = await store.chunks(id);
    if (chunks.size === 0) throw new RecordError('not-found', `Recording ${id} has no recorded data`);
    const startedRemux = performance.now();
    let file: Blob;
    try {
      file = await remuxToSeekable(chunks, { file: await store.seekableFile(id) });
    } catch (error) {
      // A part-written file is of no use, and on a full disk it holds the room a retry needs.
      await store.deleteSeekable(id).catch(() => undefined);
      throw error;
    }
    const remuxMs = performance.now() - startedRemux;
    const meta = await store.markFinished(id);
    await store.deleteChunks(id);
    return finishedRecording(store, meta, file, remuxMs, lock);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * The handle on a finished recording of `store` whose seekable file is `file`, holding `lock`
 * (if any) until `delete()` or `release()`.
 *
 * @example
 * ```ts
 * import { holdRecordingLock } from 'peerstage/record';
 * const lock = await holdRecordingLock(store.lockName(meta.id));
 * const recording = finishedRecording(store, meta, await store.seekable(meta.id), 0, lock);
 * ```
 */
export function finishedRecording(
  store: RecordingStore,
  meta: RecordingMeta,
  file: Blob,
  remuxMs: number,
  lock?: RecordingLock,
): FinishedRecording {
  const release = async () => {
    await lock?.release();
  };
  return {
    meta,
    file,
    fileName: recordingFileName({ ...(meta.room === undefined ? {} : { room: meta.room }), date: new Date(meta.startedAt) }),
    remuxMs,
    delete: async () => {
      try {
        await store.delete(meta.id);
      } finally {
        await release();
      }
    },
    release,
  };
}
