/**
 * Chromium's quirk, handled in one place: Web Audio hears a remote WebRTC stream as silence
 * unless the same stream also plays in a media element (ENVIRONMENT.md, still so in 156).
 */

/**
 * Plays `stream` in a muted, detached `<audio>` element so that Web Audio nodes fed from the
 * stream hear it, and returns the function that stops and releases that element. Harmless
 * for local streams, so callers need not know where a stream came from.
 *
 * @example
 * ```ts
 * declare const remoteStream: MediaStream, audioContext: AudioContext;
 * const release = keepAudioFlowing(remoteStream);
 * const source = audioContext.createMediaStreamSource(remoteStream);
 * // ... later
 * source.disconnect();
 * release();
 * ```
 */
export function keepAudioFlowing(stream: MediaStream): () => void {
  const element = new Audio();
  element.muted = true;
  element.srcObject = stream;
  // A muted element may always play; a rejection (the element released first) is moot.
  element.play().catch(() => undefined);
  return () => {
    element.pause();
    element.srcObject = null;
  };
}
