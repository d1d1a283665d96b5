/**
 * Browser-test helpers for recordings: a canvas that moves on a timer, a tone, a store of its
 * own, and a record of every stream a canvas captured — each released by one `cleanup()`.
 */
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { RecordingStore } from '../record/RecordingStore.ts';

export interface MovingCanvas {
  readonly canvas: HTMLCanvasElement;
  /** Times the picture was drawn so far. */
  readonly draws: () => number;
}

export interface RecordingKit {
  /** A canvas redrawn every `1000 / drawFps` ms on a timer (not animation frames, which stop in hidden tabs). */
  movingCanvas(options?: { width?: number; height?: number; drawFps?: number }): MovingCanvas;
  /** A stream with one audio track: a sine tone at `frequency` Hz. */
  tone(frequency?: number): MediaStream;
  /** A store in a folder of its own, emptied at cleanup. */
  store(): Promise<RecordingStore>;
  /** Every stream `captureStream` returned since the kit was made, or those of `canvas` only. */
  captured(canvas?: HTMLCanvasElement): readonly MediaStream[];
  later(release: () => unknown): void;
  cleanup(): Promise<void>;
}

export const TEST_RECORDINGS_FOLDER = 'peerstage-recordings-test';

export function recordingKit(): RecordingKit {
  const releases: (() => unknown)[] = [];
  const later = (release: () => unknown) => void releases.push(release);
  const captured: { canvas: HTMLCanvasElement; stream: MediaStream }[] = [];
  const original = HTMLCanvasElement.prototype.captureStream;
  HTMLCanvasElement.prototype.captureStream = function captureAndRecord(this: HTMLCanvasElement, fps?: number) {
    const stream = original.call(this, fps);
    captured.push({ canvas: this, stream });
    return stream;
  };

  return {
    movingCanvas({ width = 640, height = 360, drawFps = 30 } = {}) {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('recordingKit: no 2D context');
      let draws = 0;
      const draw = () => {
        context.fillStyle = `hsl(${(draws * 3) % 360} 60% 35%)`;
        context.fillRect(0, 0, width, height);
        context.fillStyle = '#fff';
        context.fillRect((draws * 8) % width, 0, width / 16, height);
        context.font = `${Math.round(height / 6)}px monospace`;
        context.fillText(String(draws), width / 3, height / 2);
        draws += 1;
      };
      draw();
      const timer = setInterval(draw, 1000 / drawFps);
      later(() => clearInterval(timer));
      return { canvas, draws: () => draws };
    },
    tone(frequency = 440) {
      const synthetic = createSyntheticStream({ frequency, width: 16, height: 16, fps: 1 });
      // Only its sound is wanted: its picture stops at once.
      for (const track of synthetic.getVideoTracks()) track.stop();
      later(() => {
        for (const track of synthetic.getTracks()) track.stop();
      });
      return new MediaStream(synthetic.getAudioTracks());
    },
    async store() {
      const root = await navigator.storage.getDirectory();
      later(() => root.removeEntry(TEST_RECORDINGS_FOLDER, { recursive: true }).catch(() => undefined));
      return RecordingStore.open({ folder: TEST_RECORDINGS_FOLDER });
    },
    captured: (canvas) => captured.filter((entry) => canvas === undefined || entry.canvas === canvas).map((entry) => entry.stream),
    later,
    async cleanup() {
      HTMLCanvasElement.prototype.captureStream = original;
      for (const release of releases.splice(0).reverse()) await release();
    },
  };
}
