/**
 * Saving a Blob as a file through the browser's download, the way a link with `download` does.
 */

/** How long the object URL lives after the click: the download reads it asynchronously. */
export const DOWNLOAD_URL_LIFETIME_MS = 10_000;

export interface DownloadBlobOptions {
  /** Where the temporary `<a>` goes. Default `document.body`. */
  readonly parent?: HTMLElement;
  /** How long the object URL lives after the click. Default {@link DOWNLOAD_URL_LIFETIME_MS}. */
  readonly revokeAfterMs?: number;
}

/**
 * Downloads `blob` as `fileName` through a temporary object URL and `<a download>`. The link
 * is removed at once; the URL is revoked a little later, since revoking it in the same task
 * as the click cancels the download in some browsers. Resolves once the URL is revoked.
 *
 * @example
 * ```ts
 * import { recordingFileName } from 'peerstage/record';
 * const recording = await recorder.stop();
 * await downloadBlob(recording.file, recordingFileName({ room: 'jam', date: new Date(recording.meta.startedAt) }));
 * ```
 */
export function downloadBlob(blob: Blob, fileName: string, options: DownloadBlobOptions = {}): Promise<void> {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  (options.parent ?? document.body).append(link);
  try {
    link.click();
  } finally {
    link.remove();
  }
  return new Promise((resolve) => {
    setTimeout(() => {
      URL.revokeObjectURL(url);
      resolve();
    }, options.revokeAfterMs ?? DOWNLOAD_URL_LIFETIME_MS);
  });
}
