/**
 * What analysing sound costs the main thread: `analyse` at 30 Hz on 1, 4 and 8 streams against
 * a plain Web Audio loop on the same streams (one AnalyserNode each, spectrum and waveform read
 * into preallocated arrays on one 30 Hz timer). The plain loop also plays each stream in a
 * muted `<audio>`, as any code that analyses members' (remote) streams in Chromium must, and
 * as `analyse` does; the streams themselves are local tones, so that the page's background
 * stays small. Each sample is main-thread busy ms per second
 * over a window, less the same page's busy time with the streams and no analysis; the three
 * take turns window by window. Goal: within 1.2x of the plain loop.
 */
import { of, Subscription } from 'rxjs';
import * as Tone from 'tone';
import { analyse } from '../../../src/audio/analyse.ts';
import { rmsDb } from '../../../src/audio/rmsDb.ts';
import type { BenchCase } from '../benchCase.ts';
import { busyMsPerSecond } from '../mainThreadBusy.ts';

const COUNTS = [1, 4, 8] as const;
const RATE_HZ = 30;
const FFT_SIZE = 2_048;
const ROUNDS = 8;
const WINDOW_MS = 2_000;
/** Time for graphs to build and timers to settle before a window opens. */
const SETTLE_MS = 300;

/** Audio-only tones (no video to draw), so the page's own background stays small. */
function toneStreams(count: number): { streams: MediaStream[]; close: () => Promise<void> } {
  const context = new AudioContext();
  const streams = Array.from({ length: count }, (_, index) => {
    const oscillator = new OscillatorNode(context, { frequency: 220 * (index + 1) });
    const destination = new MediaStreamAudioDestinationNode(context, { channelCount: 1 });
    oscillator.connect(destination);
    oscillator.start();
    return destination.stream;
  });
  return {
    streams,
    close: async () => {
      for (const track of streams.flatMap((stream) => stream.getTracks())) track.stop();
      await context.close();
    },
  };
}

type Analysis = (streams: MediaStream[]) => () => void;

const withPeerstage: Analysis = (streams) => {
  const running = new Subscription();
  for (const stream of streams)
    running.add(
      of(stream)
        .pipe(analyse({ fftSize: FFT_SIZE, rate: RATE_HZ }))
        .subscribe(),
    );
  return () => running.unsubscribe();
};

const plainly: Analysis = (streams) => {
  const context = new AudioContext();
  const readers = streams.map((stream) => {
    const analyser = new AnalyserNode(context, { fftSize: FFT_SIZE, smoothingTimeConstant: 0.8 });
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    void element.play();
    return { analyser, source, element, spectrum: new Float32Array(FFT_SIZE / 2), samples: new Float32Array(FFT_SIZE), levelDb: 0 };
  });
  const timer = setInterval(() => {
    for (const reader of readers) {
      reader.analyser.getFloatFrequencyData(reader.spectrum);
      reader.analyser.getFloatTimeDomainData(reader.samples);
      reader.levelDb = rmsDb(reader.samples);
    }
  }, 1_000 / RATE_HZ);
  return () => {
    clearInterval(timer);
    readers.forEach((reader) => {
      reader.source.disconnect();
      reader.element.pause();
      reader.element.srcObject = null;
    });
    void context.close();
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function costPerSecond(streams: MediaStream[], analysis: Analysis): Promise<number> {
  const stop = analysis(streams);
  try {
    await sleep(SETTLE_MS);
    return await busyMsPerSecond(WINDOW_MS);
  } finally {
    stop();
  }
}

/** All rounds for one stream count, the two ways and the idle page taking turns. */
async function measureCount(count: number): Promise<{ peerstage: number[]; plain: number[] }> {
  await Tone.start();
  const { streams, close } = toneStreams(count);
  const peerstage: number[] = [];
  const plain: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const idle = await busyMsPerSecond(WINDOW_MS);
      // Alternate which goes first, so drift over a round favours neither.
      if (round % 2 === 0) {
        peerstage.push((await costPerSecond(streams, withPeerstage)) - idle);
        plain.push((await costPerSecond(streams, plainly)) - idle);
      } else {
        plain.push((await costPerSecond(streams, plainly)) - idle);
        peerstage.push((await costPerSecond(streams, withPeerstage)) - idle);
      }
    }
  } finally {
    await close();
  }
  return { peerstage, plain };
}

export function cases(): BenchCase[] {
  const measured = new Map<number, Promise<{ peerstage: number[]; plain: number[] }>>();
  const once = (count: number) => {
    let run = measured.get(count);
    if (!run) {
      run = measureCount(count);
      measured.set(count, run);
    }
    return run;
  };
  return COUNTS.flatMap((count): BenchCase[] => [
    {
      name: `audio.plain-loop.${count}-streams`,
      unit: 'ms/s',
      better: 'lower',
      run: async () => (await once(count)).plain,
    },
    {
      name: `audio.analyse.${count}-streams`,
      unit: 'ms/s',
      better: 'lower',
      baseline: `audio.plain-loop.${count}-streams`,
      goal: { max: 1.2 },
      run: async () => (await once(count)).peerstage,
    },
  ]);
}
