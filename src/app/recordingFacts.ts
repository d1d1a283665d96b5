/**
 * A recording file's size and length, read without trusting it: a file in storage may be
 * junk, cut short, or huge.
 */
import { RecordError } from '../record/RecordError.ts';
import { blobReader, readWebmLayout } from '../record/webmLayout.ts';

export interface RecordingFacts {
  readonly bytes: number;
  /** The file's Duration in seconds; `null` when it has none, or a nonsense one (a damaged file). */
  readonly durationS: number | null;
}

/** Longer than any recording anyone makes in a browser tab: a bigger Duration is damage, not a length. */
export const MAX_PLAUSIBLE_DURATION_S = 7 * 24 * 3_600;

/**
 * Size and length of `file`: the length is the seekable file's Duration, read from its Info
 * element alone (a few small reads, whatever the file's size; no media is decoded). A file
 * that is not a WebM, or has no Duration, has length `null`. Throws a {@link RecordError}
 * `'storage'` when the file cannot be read at all (deleted meanwhile by another tab).
 *
 * @example
 * ```ts
 * const recording = await recorder.stop();
 * const { bytes, durationS } = await readRecordingFacts(recording.file);
 * ```
 */
export async function readRecordingFacts(file: Blob): Promise<RecordingFacts> {
  let durationS: number | null;
  try {
    ({ durationS } = await readWebmLayout(blobReader(file), file.size));
  } catch (cause) {
    throw new RecordError('storage', 'The recording file could not be read', { cause });
  }
  const plausible = durationS !== null && Number.isFinite(durationS) && durationS >= 0 && durationS <= MAX_PLAUSIBLE_DURATION_S;
  return { bytes: file.size, durationS: plausible ? durationS : null };
}
