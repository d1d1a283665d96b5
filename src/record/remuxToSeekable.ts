/**
 * Rewriting a MediaRecorder WebM into one every player can seek, without re-encoding.
 */
import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  Conversion,
  Input,
  Output,
  StreamTarget,
  type StreamTargetChunk,
  type Target,
  WebMOutputFormat,
} from 'mediabunny';
import { isQuotaExceeded } from './quotaExceeded.ts';
import { RecordError } from './RecordError.ts';

export interface RemuxOptions {
  /**
   * Write the result into this file (e.g. one in the Origin Private File System) and return
   * the file, so a long recording never sits in memory whole. Default: in memory.
   */
  readonly file?: FileSystemFileHandle;
}

/** What the rewrite gathers before writing to the file: few writes, and memory that stays small. */
const REMUX_WRITE_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * A copy of `recorded` (a WebM from MediaRecorder, which has no Duration and no Cues when it
 * was recorded with a timeslice) rewritten by mediabunny with Duration, SeekHead and Cues.
 * Packets are copied as they are, never re-encoded: frames and timestamps stay the same.
 *
 * Throws a {@link RecordError} `'remux-failed'` when the input is no readable WebM or a track
 * could not be copied, `'storage-full'` when `file` could not be written for a full disk.
 *
 * @example
 * ```ts
 * declare const mediaRecorder: MediaRecorder, chunks: Blob[]; // what it handed over, timeslice by timeslice
 * const seekable = await remuxToSeekable(new Blob(chunks, { type: mediaRecorder.mimeType }));
 * video.src = URL.createObjectURL(seekable); // the seek bar works
 * ```
 */
export async function remuxToSeekable(recorded: Blob, options: RemuxOptions = {}): Promise<Blob> {
  const input = new Input({ source: new BlobSource(recorded), formats: ALL_FORMATS });
  let writable: FileSystemWritableFileStream | undefined;
  try {
    let target: Target;
    let buffer: BufferTarget | undefined;
    if (options.file) {
      writable = await options.file.createWritable();
      // mediabunny writes in many small pieces; each reaching the file on its own made the
      // rewrite 17x slower than into memory (`npm run bench -- record`). Batched, the cost is
      // at most one batch of memory.
      target = new StreamTarget(fileChunks(writable), { chunked: true, chunkSize: REMUX_WRITE_BATCH_BYTES });
    } else {
      target = buffer = new BufferTarget();
    }
    const output = new Output({ format: new WebMOutputFormat(), target });
    // Copy only: re-encoding a long recording would take about as long as recording it.
    const conversion = await Conversion.init({ input, output, copy: { mode: 'forced' }, showWarnings: false });
    if (!conversion.isValid || conversion.discardedTracks.length > 0) {
      const reasons = conversion.discardedTracks.map(({ track, reason }) => `${track.type} track: ${reason}`).join('; ');
      throw new RecordError('remux-failed', `The recording could not be copied as it is (${reasons || 'no tracks'})`);
    }
    await conversion.execute();
    if (writable && options.file) {
      await writable.close();
      writable = undefined;
      return await options.file.getFile();
    }
    if (!buffer?.buffer) throw new RecordError('remux-failed', 'The seekable file came out empty');
    return new Blob([buffer.buffer], { type: recorded.type || 'video/webm' });
  } catch (cause) {
    await writable?.abort().catch(() => undefined);
    if (cause instanceof RecordError) throw cause;
    if (isQuotaExceeded(cause))
      throw new RecordError('storage-full', "The seekable file did not fit: the disk (or this site's share of it) is full", { cause });
    throw new RecordError('remux-failed', 'The recording could not be made seekable', { cause });
  } finally {
    input.dispose();
  }
}

/**
 * mediabunny's positioned writes go to the file stream as they are; a file stream takes the
 * same `{ type: 'write', position, data }` shape. The stream itself is closed by the caller,
 * so the file is committed only when the whole output is written.
 */
function fileChunks(writable: FileSystemWritableFileStream): WritableStream<StreamTargetChunk> {
  return new WritableStream<StreamTargetChunk>({
    write: (chunk) => writable.write({ type: 'write', position: chunk.position, data: chunk.data }),
  });
}
