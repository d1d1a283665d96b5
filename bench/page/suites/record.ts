/**
 * What recording the stage costs and keeps: a `Stage` with 4 synthetic video cubes (320x240,
 * 30 fps) on a 640x360 canvas, rendering from its 30 fps timer, and the 4 members' tones in an
 * `AudioMixer`, recorded as the hub records them.
 *
 * - Frames: frames in the file / frames expected at 30 fps for the file's duration, read back
 *   with `inspectRecording`, round by round. `StageRecorder` (chunks to the Origin Private File
 *   System, remuxed at stop) against a bare `MediaRecorder` on the same canvas and mix with the
 *   same type, bitrates and timeslice, its chunks kept in memory: what the recorder's own work
 *   costs the encoder. The two take turns. Goal: within 0.95x of the bare recorder.
 * - Remux: one ~24 s bare recording, rewritten into a seekable WebM in an OPFS file (as `stop()`
 *   does) several times; each time is scaled to a minute of video and compared with a minute
 *   itself, so the ratio is the share of the recording's own duration that making it seekable
 *   adds at stop. Goal: at most a tenth. The same rewrite into memory, in turns with it, tells
 *   the file's writes from the remux itself.
 * - Heap: the JS heap in use over a 2-minute `StageRecorder` recording, read every 2 s through
 *   DevTools, against the heap just after it started (after a full collection). The peak
 *   includes garbage not yet collected; the end is read after stop and a full collection. Chunks
 *   are Blobs, whose bytes live outside the JS heap: this shows that nothing per chunk piles up
 *   in JS (arrays of Blobs, buffers, progress), not the Blob store, which OPFS keeps flat.
 */
import { inspectRecording } from '../../../src/record/inspectRecording.ts';
import { resolveRecorderOptions } from '../../../src/record/recorderOptions.ts';
import { remuxToSeekable } from '../../../src/record/remuxToSeekable.ts';
import { StageRecorder } from '../../../src/record/StageRecorder.ts';
import type { BenchCase } from '../benchCase.ts';
import { collectGarbage, jsHeapUsedBytes } from '../jsHeap.ts';
import { FPS, openStudio, STORE_FOLDER, type Studio } from '../studio.ts';

const FRAME_ROUNDS = 5;
const FRAME_ROUND_MS = 5_000;
const REMUX_RECORDING_MS = 24_000;
const REMUX_RUNS = 5;
const HEAP_RECORDING_MS = 120_000;
const HEAP_READ_EVERY_MS = 2_000;
/** The page's first VP9 recording loads the encoder and loses its first frames: warm it first. */
const WARM_UP_MS = 1_500;
const MB = 1e6;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The baseline: MediaRecorder as a page would use it by hand, with the settings `StageRecorder`
 * resolves for the same canvas and mix, chunks kept in memory.
 */
async function recordBare(studio: Studio, ms: number): Promise<Blob> {
  const { mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs } = resolveRecorderOptions(studio.stage.canvas, {
    audio: studio.mix,
    fps: FPS,
  });
  const captured = studio.stage.canvas.captureStream(FPS);
  const recorder = new MediaRecorder(new MediaStream([...captured.getVideoTracks(), ...studio.mix.getAudioTracks()]), {
    mimeType,
    videoBitsPerSecond,
    audioBitsPerSecond,
  });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  try {
    const started = new Promise((resolve) => (recorder.onstart = resolve));
    recorder.start(timesliceMs);
    await started;
    await sleep(ms);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.stop();
    await stopped;
  } finally {
    for (const track of captured.getTracks()) track.stop();
  }
  return new Blob(chunks, { type: mimeType });
}

/**
 * A `StageRecorder` recording for as long as `during` takes; `read` gets the seekable file
 * before the store deletes it (its Blob cannot be read after).
 */
async function recordWithStageRecorder<T>(studio: Studio, during: () => Promise<void>, read: (file: Blob) => Promise<T>): Promise<T> {
  const recorder = new StageRecorder(studio.stage.canvas, { audio: studio.mix, fps: FPS, store: studio.store, room: 'bench' });
  try {
    await recorder.start();
    await during();
    const recording = await recorder.stop();
    try {
      return await read(recording.file);
    } finally {
      await recording.delete();
    }
  } finally {
    recorder.dispose();
  }
}

/** Frames in `file` over the frames 30 fps would give for its duration. */
async function framesRatio(file: Blob): Promise<number> {
  const { videoFrames, durationS } = await inspectRecording(file);
  return videoFrames / (FPS * durationS);
}

async function measureFrames(): Promise<{ stageRecorder: number[]; bare: number[] }> {
  const studio = await openStudio();
  const stageRecorder: number[] = [];
  const bare: number[] = [];
  try {
    await recordBare(studio, WARM_UP_MS);
    for (let round = 0; round < FRAME_ROUNDS; round += 1) {
      // Alternate which goes first, so drift over a round favours neither.
      const turns = [
        async () => stageRecorder.push(await recordWithStageRecorder(studio, () => sleep(FRAME_ROUND_MS), framesRatio)),
        async () => bare.push(await framesRatio(await recordBare(studio, FRAME_ROUND_MS))),
      ];
      for (const turn of round % 2 === 0 ? turns : turns.reverse()) await turn();
    }
  } finally {
    await studio.dispose();
  }
  return { stageRecorder, bare };
}

/**
 * Remux ms per minute of video, over several rewrites of one recording: into an OPFS file (as
 * `stop()` does) and into memory, taking turns, so the file's writes can be told from the
 * remux itself.
 */
async function measureRemux(): Promise<{ toFile: number[]; inMemory: number[] }> {
  const studio = await openStudio();
  try {
    await recordBare(studio, WARM_UP_MS);
    const recorded = await recordBare(studio, REMUX_RECORDING_MS);
    const { durationS } = await inspectRecording(recorded);
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(STORE_FOLDER, { create: true });
    const target = await folder.getFileHandle('remux.webm', { create: true });
    const perMinute = async (remux: () => Promise<Blob>, check: boolean) => {
      const startedAt = performance.now();
      const seekable = await remux();
      const ms = performance.now() - startedAt;
      if (check && !(await inspectRecording(seekable)).seekable) throw new Error('record bench: the remuxed file is not seekable');
      return (ms * 60) / durationS;
    };
    const toFile: number[] = [];
    const inMemory: number[] = [];
    for (let run = 0; run < REMUX_RUNS; run += 1) {
      toFile.push(await perMinute(() => remuxToSeekable(recorded, { file: target }), run === 0));
      inMemory.push(await perMinute(() => remuxToSeekable(recorded), run === 0));
    }
    return { toFile, inMemory };
  } finally {
    await studio.dispose();
  }
}

interface HeapFigures {
  readonly startMb: number;
  readonly peakMb: number;
  readonly endMb: number;
}

async function measureHeap(): Promise<HeapFigures> {
  const studio = await openStudio();
  try {
    await recordBare(studio, WARM_UP_MS);
    let startMb = Number.NaN;
    let peakMb = 0;
    const during = async () => {
      const startedAt = performance.now();
      await collectGarbage();
      startMb = (await jsHeapUsedBytes()) / MB;
      peakMb = startMb;
      while (performance.now() - startedAt < HEAP_RECORDING_MS) {
        await sleep(HEAP_READ_EVERY_MS);
        peakMb = Math.max(peakMb, (await jsHeapUsedBytes()) / MB);
      }
    };
    // Only the file's size is read back: reading it whole would put it in the heap measured next.
    await recordWithStageRecorder(studio, during, async (file) => file.size);
    await collectGarbage();
    const endMb = (await jsHeapUsedBytes()) / MB;
    return { startMb, peakMb, endMb };
  } finally {
    await studio.dispose();
  }
}

export function cases(): BenchCase[] {
  let frames: Promise<{ stageRecorder: number[]; bare: number[] }> | undefined;
  let heap: Promise<HeapFigures> | undefined;
  let remux: Promise<{ toFile: number[]; inMemory: number[] }> | undefined;
  const framesOnce = () => (frames ??= measureFrames());
  const remuxOnce = () => (remux ??= measureRemux());
  const heapOnce = () => (heap ??= measureHeap());
  return [
    {
      name: 'record.frames.media-recorder.4-cubes',
      unit: 'recorded/expected',
      better: 'higher',
      run: async () => (await framesOnce()).bare,
    },
    {
      name: 'record.frames.stage-recorder.4-cubes',
      unit: 'recorded/expected',
      better: 'higher',
      baseline: 'record.frames.media-recorder.4-cubes',
      goal: { min: 0.95 },
      run: async () => (await framesOnce()).stageRecorder,
    },
    {
      name: 'record.remux.realtime',
      unit: 'ms/min',
      better: 'lower',
      // A minute of video lasts a minute: the recording's own duration.
      run: async () => [60_000],
    },
    {
      name: 'record.remux.to-opfs',
      unit: 'ms/min',
      better: 'lower',
      baseline: 'record.remux.realtime',
      goal: { max: 0.1 },
      run: async () => (await remuxOnce()).toFile,
    },
    {
      name: 'record.remux.in-memory',
      unit: 'ms/min',
      better: 'lower',
      baseline: 'record.remux.realtime',
      run: async () => (await remuxOnce()).inMemory,
    },
    {
      name: 'record.heap.start',
      unit: 'MB',
      better: 'lower',
      run: async () => [(await heapOnce()).startMb],
    },
    {
      name: 'record.heap.peak.2-min',
      unit: 'MB',
      better: 'lower',
      baseline: 'record.heap.start',
      goal: { max: 1.5 },
      run: async () => [(await heapOnce()).peakMb],
    },
    {
      name: 'record.heap.end.2-min-after-gc',
      unit: 'MB',
      better: 'lower',
      baseline: 'record.heap.start',
      goal: { max: 1.1 },
      run: async () => [(await heapOnce()).endMb],
    },
  ];
}
