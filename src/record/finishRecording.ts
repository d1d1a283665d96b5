/**
 * Turning a stored recording's chunks into its seekable file: after `stop()`, and on recovery.
 */
import { recordingFileName } from './recordingFileName.ts';
import type { RecordingMeta } from './RecordingMeta.ts';
import type { RecordingStore } from './RecordingStore.ts';
import { RecordError } from './RecordError.ts';
import { remuxToSeekable } from './remuxToSeekable.ts';

/** A recording made seekable, kept in the store until `delete()`. */
export interface FinishedRecording {
  readonly meta: RecordingMeta;
  /** The seekable WebM, read from the store's file (not held in memory). */
  readonly file: Blob;
  /** A name to save it under: room, date and time (see `recordingFileName`). */
  readonly fileName: string;
  /** How long the rewrite into a seekable file took, in ms. */
  readonly remuxMs: number;
  /** Removes it from the store; `file` cannot be read after. */
  delete(): Promise<void>;
}

/**
 * Rewrites the chunks of `id` into its seekable file, then sets the finished marker and
 * removes the chunks. The marker comes only once the file is whole, so a tab closed in the
 * middle leaves a recording that is still offered for recovery. Throws a {@link RecordError}
 * (`'not-found'` when nothing was recorded, `'remux-failed'`, `'storage'`).
 *
 * @example
 * ```ts
 * const recording = await finishRecording(store, meta.id);
 * await downloadBlob(recording.file, recording.fileName);
 * await recording.delete();
 * ```
 */
export async function finishRecording(store: RecordingStore, id: string): Promise<FinishedRecording> {
  const chunks = await store.chunks(id);
  if (chunks.size === 0) throw new RecordError('not-found', `Recording ${id} has no recorded data`);
  const startedRemux = performance.now();
  const file = await remuxToSeekable(chunks, { file: await store.seekableFile(id) });
  const remuxMs = performance.now() - startedRemux;
  const meta = await store.markFinished(id);
  await store.deleteChunks(id);
  return {
    meta,
    file,
    fileName: recordingFileName({ ...(meta.room === undefined ? {} : { room: meta.room }), date: new Date(meta.startedAt) }),
    remuxMs,
    delete: () => store.delete(id),
  };
}
