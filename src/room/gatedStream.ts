/**
 * What a member shares with someone not yet admitted: clones of its tracks, disabled, so a
 * call can be set up while the handshake runs and carries nothing but black frames and
 * silence until `open()`. Calls then connect in parallel with admission, not after it.
 */

/** The part of a call the gate needs: switching what it sends. */
export interface GatedCall {
  replaceStream(stream: MediaStream): Promise<void>;
}

export interface GatedStream {
  /** Clones of the shared tracks, disabled until opened. */
  readonly stream: MediaStream;
  /** The call that sends `stream`, once it is connected. */
  attach(call: GatedCall): void;
  /** Lets the real picture and sound through (the member is admitted). */
  open(): void;
  /**
   * What the member shares from now on (a camera switched for a screen, say): sent at once
   * if the real tracks flow already, else once they may. The clones keep the old kinds.
   */
  setSource(stream: MediaStream): void;
  /** Stops the clones; the original tracks are not touched. */
  stop(): void;
}

/**
 * Once the member is admitted and the call connected, the call sends the ORIGINAL tracks and
 * the clones stop: whatever the sharer then does to its tracks (`enabled = false` to mute,
 * `stop()`) reaches everyone, as it would on a plain call. Until the call connects, the
 * clones are enabled instead, so admission never waits for it.
 *
 * @example
 * ```ts
 * const gated = gatedStream(stream);
 * session.call('bo', gated.stream).subscribe((call) => gated.attach(call));
 * // once admitted:
 * gated.open();
 * ```
 */
export function gatedStream(shared: MediaStream): GatedStream {
  let source = shared;
  const clones = source.getTracks().map((track) => {
    const clone = track.clone();
    // A disabled track sends black frames or silence: nothing of the member leaks.
    clone.enabled = false;
    return clone;
  });
  const stopClones = () => {
    for (const clone of clones) clone.stop();
  };
  let call: GatedCall | undefined;
  let opened = false;
  let stopped = false;
  const sendOriginals = () => {
    if (!call || !opened || stopped) return;
    // A call that ended meanwhile has nothing left to switch.
    call.replaceStream(source).then(stopClones, () => undefined);
  };
  return {
    stream: new MediaStream(clones),
    attach: (connected) => {
      call = connected;
      sendOriginals();
    },
    open: () => {
      if (opened) return;
      opened = true;
      for (const clone of clones) clone.enabled = true;
      sendOriginals();
    },
    setSource: (stream) => {
      source = stream;
      sendOriginals();
    },
    stop: () => {
      stopped = true;
      stopClones();
    },
  };
}
