/**
 * Camera and microphone stand-ins that need no device and no permission: a canvas video with
 * a label, a colour and a running clock, and a sine tone. Every test and story runs on them.
 */

export interface SyntheticStreamOptions {
  /** Text drawn large on the video, e.g. a member's name. */
  readonly label?: string;
  /** CSS colour of the video's background. */
  readonly color?: string;
  /** Frequency of the audio tone in Hz. Default 440. */
  readonly frequency?: number;
  /** Video size in pixels. Default 320 x 240. */
  readonly width?: number;
  readonly height?: number;
  /** Frames per second of the video. Default 30. */
  readonly fps?: number;
}

/** Amplitude of the tone: a sine of 0.5 peaks at -6 dBFS, about -9 dBFS RMS (docs/architecture.md). */
export const SYNTHETIC_TONE_AMPLITUDE = 0.5;

/**
 * A MediaStream with one live video track (a moving canvas picture) and one audio track (a
 * sine tone). Stopping both tracks frees everything behind them: the drawing timer stops and
 * the audio context closes.
 *
 * The picture is drawn on a timer rather than on animation frames, which stop in hidden
 * tabs; a bar sweeps across it and a clock runs, so every frame differs from the last and
 * encoders and `requestVideoFrameCallback` see real motion.
 *
 * The tone comes from an AudioContext of its own, so it follows the browser's rules for
 * sound: where the page may play sound at once (autoplay allowed, or after a click) it
 * starts at once; otherwise the audio track is live but silent until the page's first user
 * gesture, and the tone starts then by itself. Where the browser has no audio output at all
 * (Firefox on a machine without a sound device or sound server: CI, containers) the context
 * never starts and the track stays silent for its whole life, with no error here; no other
 * context starts there either, and `startAudioOnGesture()` reports that case as an
 * `AudioError` `'audio-unavailable'`. The video is unaffected either way.
 *
 * @example
 * ```ts
 * const stream = createSyntheticStream({ label: 'Ada', color: '#c33', frequency: 660 });
 * video.srcObject = stream;
 * // later
 * stream.getTracks().forEach((track) => track.stop());
 * ```
 */
export function createSyntheticStream(options: SyntheticStreamOptions = {}): MediaStream {
  const { label = '', color = '#2b4c7e', frequency = 440, width = 320, height = 240, fps = 30 } = options;

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context2d = canvas.getContext('2d');
  if (!context2d) throw new Error('createSyntheticStream: no 2D canvas context');
  const videoTrack = canvas.captureStream(fps).getVideoTracks()[0];
  if (!videoTrack) throw new Error('createSyntheticStream: canvas.captureStream gave no video track');

  const audioContext = new AudioContext();
  const oscillator = new OscillatorNode(audioContext, { type: 'sine', frequency });
  const gain = new GainNode(audioContext, { gain: SYNTHETIC_TONE_AMPLITUDE });
  const destination = new MediaStreamAudioDestinationNode(audioContext, { channelCount: 1 });
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  // Allowed at once with autoplay permission; elsewhere the context waits for a user gesture.
  void audioContext.resume().catch(() => undefined);
  const audioTrack = destination.stream.getAudioTracks()[0];
  if (!audioTrack) throw new Error('createSyntheticStream: no audio track from the destination node');

  const startedAt = performance.now();
  let frame = 0;
  const draw = () => {
    const elapsed = (performance.now() - startedAt) / 1000;
    context2d.fillStyle = color;
    context2d.fillRect(0, 0, width, height);
    // The sweeping bar: the motion encoders and frame callbacks see.
    const barWidth = Math.max(4, width / 16);
    context2d.fillStyle = 'rgba(255, 255, 255, 0.35)';
    context2d.fillRect(((frame * 4) % (width + barWidth)) - barWidth, 0, barWidth, height);
    context2d.fillStyle = '#fff';
    context2d.textAlign = 'center';
    context2d.textBaseline = 'middle';
    context2d.font = `bold ${Math.round(height / 6)}px sans-serif`;
    context2d.fillText(label, width / 2, height * 0.42, width * 0.9);
    context2d.font = `${Math.round(height / 12)}px monospace`;
    context2d.fillText(`${elapsed.toFixed(2)} s · ${frequency} Hz`, width / 2, height * 0.72);
    frame += 1;
  };

  draw();
  let resuming = false;
  const timer = setInterval(() => {
    // MediaStreamTrack.stop() fires no event, so the timer notices it on its next tick.
    const videoLive = videoTrack.readyState === 'live';
    const audioLive = audioTrack.readyState === 'live';
    if (videoLive) draw();
    if (!audioLive && audioContext.state !== 'closed') void audioContext.close();
    // Without autoplay permission the tone waits for the page's first user gesture; the
    // timer notices it (no gesture event reaches this function) and starts the tone then.
    // Firefox without an audio output never settles resume(): one call stays pending, no more.
    if (audioLive && audioContext.state === 'suspended' && !resuming && navigator.userActivation?.hasBeenActive) {
      resuming = true;
      audioContext.resume().then(
        () => (resuming = false),
        () => (resuming = false),
      );
    }
    if (!videoLive && !audioLive) clearInterval(timer);
  }, 1000 / fps);

  return new MediaStream([videoTrack, audioTrack]);
}
