/**
 * What a member shares with someone not yet admitted: clones of its tracks, disabled, so a
 * call can be set up while the handshake runs and carries nothing but black frames and
 * silence until `open()`. Calls then connect in parallel with admission, not after it.
 */
export interface GatedStream {
  /** Clones of the shared tracks, disabled until opened. */
  readonly stream: MediaStream;
  /** Lets the real picture and sound through (the member is admitted). */
  open(): void;
  /** Stops the clones; the original tracks are not touched. */
  stop(): void;
}

/**
 * @example
 * ```ts
 * const gated = gatedStream(myStream);
 * session.call(remoteId, gated.stream).subscribe();
 * // once admitted:
 * gated.open();
 * ```
 */
export function gatedStream(source: MediaStream): GatedStream {
  const clones = source.getTracks().map((track) => {
    const clone = track.clone();
    // A disabled track sends black frames or silence: nothing of the member leaks.
    clone.enabled = false;
    return clone;
  });
  return {
    stream: new MediaStream(clones),
    open: () => clones.forEach((clone) => (clone.enabled = true)),
    stop: () => clones.forEach((clone) => clone.stop()),
  };
}
