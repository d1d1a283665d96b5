/**
 * Probes that tell, in a real browser, whether media is really flowing: video frames that
 * keep coming, and a tone at a given pitch and level. Test-only helpers.
 */

/**
 * Plays `stream` in a detached, muted `<video>` and counts the frames presented during
 * `durationMs`. The element is removed afterwards.
 */
export async function countVideoFrames(stream: MediaStream, durationMs: number): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream(stream.getVideoTracks());
  let frames = 0;
  let handle = 0;
  const onFrame = () => {
    frames += 1;
    handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  try {
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
  } finally {
    video.cancelVideoFrameCallback(handle);
    video.pause();
    video.srcObject = null;
  }
  return frames;
}

export interface ToneReading {
  /** RMS level of the last window, in dBFS. */
  readonly levelDb: number;
  /** Frequency of the loudest FFT bin, in Hz. */
  readonly peakHz: number;
}

/**
 * Listens to `stream` for `durationMs` with a plain Web Audio AnalyserNode and reports the
 * loudest level seen and the pitch at that moment. Remote WebRTC audio is silent in Web Audio
 * in Chromium unless it also plays in a media element, so a muted one plays it meanwhile.
 */
export async function readTone(stream: MediaStream, durationMs = 600): Promise<ToneReading> {
  const context = new AudioContext();
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = stream;
  try {
    await sink.play();
    await context.resume();
    const analyser = new AnalyserNode(context, { fftSize: 4096, smoothingTimeConstant: 0 });
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const bins = new Float32Array(analyser.frequencyBinCount);
    let best: ToneReading = { levelDb: -Infinity, peakHz: 0 };
    const endAt = performance.now() + durationMs;
    while (performance.now() < endAt) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const levelDb = 10 * Math.log10(sum / samples.length || 1e-12);
      if (levelDb > best.levelDb) {
        analyser.getFloatFrequencyData(bins);
        let peak = 0;
        let peakDb = bins[0] ?? Number.NEGATIVE_INFINITY;
        for (let i = 1; i < bins.length; i += 1) {
          const db = bins[i] ?? Number.NEGATIVE_INFINITY;
          if (db > peakDb) {
            peak = i;
            peakDb = db;
          }
        }
        best = { levelDb, peakHz: (peak * context.sampleRate) / analyser.fftSize };
      }
    }
    source.disconnect();
    return best;
  } finally {
    sink.pause();
    sink.srcObject = null;
    await context.close();
  }
}

/**
 * The colour of `stream`'s current picture near its bottom-left corner (where the synthetic
 * stream shows its plain background), read from the next frame drawn on a 2D canvas.
 */
export async function videoCornerColour(stream: MediaStream): Promise<{ r: number; g: number; b: number }> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream(stream.getVideoTracks());
  try {
    await video.play();
    await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('videoCornerColour: no 2D context');
    context.drawImage(video, 0, 0);
    const [r = 0, g = 0, b = 0] = context.getImageData(2, canvas.height - 3, 1, 1).data;
    return { r, g, b };
  } finally {
    video.pause();
    video.srcObject = null;
  }
}
