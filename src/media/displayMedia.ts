/**
 * Screen sharing as an Observable: the picker opens on subscribe, sharing stops on
 * unsubscribe.
 */
import type { Observable } from 'rxjs';
import { MediaAccessError } from './MediaAccessError.ts';
import { type MediaDevicesOptions, streamFromRequest } from './streamFromRequest.ts';

/**
 * A cold Observable of one `getDisplayMedia` stream (a screen, window or tab, maybe with its
 * audio). Each subscription opens the browser's picker, emits the stream once, and completes
 * when the user presses the browser's own "Stop sharing" (which ends the tracks).
 * Unsubscribing stops sharing, also when it comes before the user has picked. Failures
 * arrive as a `MediaAccessError`; a cancelled picker is `reason: 'permission-denied'`, and a
 * browser without screen capture (phones) gives `'unsupported'`.
 *
 * Browsers open the picker only in response to a user gesture, so subscribe from a click:
 * Firefox refuses a request made outside one with `reason: 'needs-gesture'`.
 *
 * @example
 * ```ts
 * declare const shareButton: HTMLButtonElement;
 * let sharing: Subscription | undefined; // unsubscribe to stop sharing
 * shareButton.addEventListener('click', () => {
 *   sharing = displayMedia({ video: true, audio: true }).subscribe({
 *     next: (stream) => (video.srcObject = stream),
 *     complete: () => (video.srcObject = null), // "Stop sharing" pressed
 *   });
 * });
 * ```
 */
export function displayMedia(
  options: DisplayMediaStreamOptions = { video: true },
  deps: MediaDevicesOptions = {},
): Observable<MediaStream> {
  return streamFromRequest('screen capture', deps.mediaDevices, (mediaDevices) =>
    mediaDevices.getDisplayMedia(options).catch((error: unknown) => {
      // The standard's (and Firefox's) answer to a request without transient activation.
      if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'InvalidStateError') {
        throw new MediaAccessError('needs-gesture', 'screen capture: the browser opens its picker only from a click or a key press', {
          cause: error,
        });
      }
      throw error;
    }),
  );
}
