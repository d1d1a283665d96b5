/**
 * The camera and the microphone as an Observable: asked for on subscribe, released on
 * unsubscribe.
 */
import type { Observable } from 'rxjs';
import { type MediaDevicesOptions, streamFromRequest } from './streamFromRequest.ts';

/**
 * A cold Observable of one `getUserMedia` stream. Each subscription asks the browser (and
 * maybe the user) afresh, emits the stream once, and completes when every track has ended
 * on its own (device unplugged, permission revoked). Unsubscribing stops every track, also
 * when it comes before the user has answered the prompt. Failures arrive as a
 * `MediaAccessError`, e.g. `reason: 'permission-denied'`.
 *
 * `MediaStreamTrack.stop()` fires no `ended` event, so stopping the tracks yourself does not
 * complete it: unsubscribe instead.
 *
 * @example
 * ```ts
 * const subscription = userMedia({ audio: true, video: { width: 640 } }).subscribe({
 *   next: (stream) => (video.srcObject = stream),
 *   error: (error: MediaAccessError) => console.warn(error.reason, error.message),
 * });
 * // later: the camera light goes off
 * subscription.unsubscribe();
 * ```
 */
export function userMedia(constraints: MediaStreamConstraints, options: MediaDevicesOptions = {}): Observable<MediaStream> {
  return streamFromRequest(describeConstraints(constraints), options.mediaDevices, (mediaDevices) =>
    mediaDevices.getUserMedia(constraints),
  );
}

/** Names the request the way a user thinks of it, for error messages. */
function describeConstraints({ audio, video }: MediaStreamConstraints): string {
  if (audio && video) return 'camera and microphone';
  if (video) return 'camera';
  if (audio) return 'microphone';
  return 'media';
}
