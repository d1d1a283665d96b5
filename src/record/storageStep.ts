/**
 * File-system steps of the recording store, their failures told as a {@link RecordError}.
 */
import { isQuotaExceeded } from './quotaExceeded.ts';
import { RecordError } from './RecordError.ts';

/** Runs one file-system step, reporting its failure as a RecordError (`'storage-full'` or `'storage'`). */
export async function storageStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof RecordError) throw cause;
    throw storageError(what, cause);
  }
}

/** The RecordError for a step (`what`, as in "Could not …") that failed with `cause`: `'storage-full'` on a full disk. */
export function storageError(what: string, cause: unknown): RecordError {
  return isQuotaExceeded(cause)
    ? new RecordError('storage-full', `Could not ${what}: the disk (or this site's share of it) is full`, { cause })
    : new RecordError('storage', `Could not ${what}`, { cause });
}
