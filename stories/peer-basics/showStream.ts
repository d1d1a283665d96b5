/**
 * Puts a MediaStream (or nothing) on a `<video>`.
 */

/**
 * Shows `stream` in `video`, or blanks it for `null`.
 *
 * @example
 * ```ts
 * call.remoteStream$.subscribe((stream) => showStream(remoteVideo, stream));
 * ```
 */
export function showStream(video: HTMLVideoElement, stream: MediaStream | null): void {
  if (video.srcObject === stream) return;
  video.srcObject = stream;
  // `autoplay` covers a fresh element; play() again covers one that was paused or blanked.
  // Its promise rejects when the source changes before it starts, which is no error here.
  if (stream) void video.play().catch(() => undefined);
}
