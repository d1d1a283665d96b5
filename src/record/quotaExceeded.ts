/**
 * Telling a full disk from other storage failures, wherever it surfaces: straight from a file
 * write, or wrapped by a library (mediabunny's writer) or by our own errors.
 */

/** How deep to follow `cause`: wrappers nest a few levels at most, and a cycle must end. */
const MAX_CAUSE_DEPTH = 8;

/**
 * Whether `error`, or an error it was caused by, is the browser's `QuotaExceededError`: the
 * disk, or this origin's share of it, is full.
 *
 * @example
 * ```ts
 * declare const writable: FileSystemWritableFileStream, chunk: Blob;
 * try {
 *   await writable.write(chunk);
 * } catch (error) {
 *   if (isQuotaExceeded(error)) console.warn('The disk is full.');
 * }
 * ```
 */
export function isQuotaExceeded(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    if (current.name === 'QuotaExceededError') return true;
    current = current.cause;
  }
  return false;
}
