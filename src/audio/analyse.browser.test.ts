/**
 * `analyse` in real Chromium on a real Tone.js context: local and remote (called) streams.
 */
import { filter, firstValueFrom, map, of, skip, Subject, Subscription, take, throwError, timeout, toArray } from 'rxjs';
import * as Tone from 'tone';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { receiveOverCall } from '../testing/receiveOverCall.ts';
import { AnalyserGraph } from './AnalyserGraph.ts';
import { analyse } from './analyse.ts';
import type { AudioFrame } from './AudioFrame.ts';

let owner = new Subscription();
const localStreams: MediaStream[] = [];
afterEach(() => {
  owner.unsubscribe();
  owner = new Subscription();
  for (const track of localStreams.splice(0).flatMap((stream) => stream.getTracks())) track.stop();
  vi.restoreAllMocks();
});

beforeAll(async () => {
  // Chromium runs with the autoplay flag: no gesture needed.
  await Tone.start();
});

function tone(frequency: number): MediaStream {
  const stream = createSyntheticStream({ label: `${frequency} Hz`, frequency, width: 64, height: 48, fps: 5 });
  localStreams.push(stream);
  return stream;
}

function silence(): MediaStream {
  const context = new AudioContext();
  const destination = new MediaStreamAudioDestinationNode(context);
  const stream = destination.stream;
  owner.add(() => void context.close());
  return stream;
}

const peakBin = (spectrum: Float32Array) => spectrum.reduce((best, value, index) => (value > spectrum[best]! ? index : best), 1);

/** Waits for a frame that passes `test`, reading each frame as it comes (frames are reused). */
function frameWhere(
  stream: MediaStream,
  test: (frame: AudioFrame) => boolean,
): Promise<{ levelDb: number; peakHz: number; binHz: number }> {
  return firstValueFrom(
    of(stream).pipe(
      analyse({ fftSize: 2048, rate: 30, smoothing: 0 }),
      filter(test),
      take(1),
      // Fail with a reason rather than the test's own timeout: the sound never came.
      timeout({ first: 10_000, with: () => throwError(() => new Error('no frame passed the test within 10 s')) }),
    ),
  ).then((frame) => ({ levelDb: frame.levelDb, peakHz: peakBin(frame.spectrum) * frame.binHz, binHz: frame.binHz }));
}

describe('analyse', () => {
  it('hears a 440 Hz tone from a REMOTE member within one bin of 440 Hz, above -30 dB', async () => {
    const remote = await receiveOverCall(owner, tone(440));
    const frame = await frameWhere(remote, (candidate) => candidate.levelDb > -30);
    expect(Math.abs(frame.peakHz - 440)).toBeLessThanOrEqual(frame.binHz);
    expect(frame.levelDb).toBeGreaterThan(-30);
  });

  it('hears a local tone where it is, and tells two pitches apart', async () => {
    for (const frequency of [440, 1_000]) {
      const frame = await frameWhere(tone(frequency), (candidate) => candidate.levelDb > -30);
      expect(Math.abs(frame.peakHz - frequency)).toBeLessThanOrEqual(frame.binHz);
    }
  });

  it('reads a silent track below -60 dB, frame after frame', async () => {
    const levels = await firstValueFrom(
      of(silence()).pipe(
        analyse({ rate: 30 }),
        map((frame) => frame.levelDb),
        take(10),
        toArray(),
      ),
    );
    expect(levels).toHaveLength(10);
    for (const levelDb of levels) expect(levelDb).toBeLessThan(-60);
  });

  it('hands out one frame object, refilled, so that sampling allocates nothing', async () => {
    const frames = await firstValueFrom(of(tone(440)).pipe(analyse({ rate: 30 }), take(5), toArray()));
    expect(new Set(frames).size).toBe(1);
    expect(new Set(frames.map((frame) => frame.spectrum)).size).toBe(1);
  });

  it('samples at the asked rate', async () => {
    const started = performance.now();
    await firstValueFrom(of(tone(440)).pipe(analyse({ rate: 20 }), skip(9), take(1)));
    const elapsedMs = performance.now() - started;
    // Ten frames at 20 Hz take about 500 ms; loose bounds, as timers on a busy machine slip.
    expect(elapsedMs).toBeGreaterThan(400);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('emits nothing for a stream without audio, and switches to the next stream', async () => {
    const videoOnly = new MediaStream(tone(440).getVideoTracks());
    const frame = await firstValueFrom(
      of(videoOnly, tone(1_000)).pipe(
        analyse({ smoothing: 0 }),
        filter((candidate) => candidate.levelDb > -30),
      ),
    );
    expect(Math.abs(peakBin(frame.spectrum) * frame.binHz - 1_000)).toBeLessThanOrEqual(frame.binHz);
  });

  it('stops at null (a member sharing nothing) and starts again with the next stream', async () => {
    const disposed = vi.spyOn(AnalyserGraph.prototype, 'dispose');
    const streams = new Subject<MediaStream | null>();
    const levels: number[] = [];
    const subscription = streams.pipe(analyse({ rate: 30 })).subscribe((frame) => levels.push(frame.levelDb));
    streams.next(tone(440));
    await vi.waitFor(() => expect(levels.length).toBeGreaterThan(2));
    streams.next(null);
    expect(disposed).toHaveBeenCalledOnce();
    const framesAtNull = levels.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(levels).toHaveLength(framesAtNull);
    streams.next(tone(660));
    await vi.waitFor(() => expect(levels.length).toBeGreaterThan(framesAtNull + 2));
    subscription.unsubscribe();
  });

  it('refuses bad options with a RangeError at once', () => {
    for (const options of [{ fftSize: 1000 }, { fftSize: 16 }, { rate: 0 }, { smoothing: 1.5 }]) {
      expect(() => analyse(options)).toThrow(RangeError);
    }
  });
});

describe('analyse: teardown', () => {
  it('disposes every node of the graph and releases the helper media element on unsubscribe', async () => {
    const graphs = new Set<AnalyserGraph>();
    const read = AnalyserGraph.prototype.read;
    vi.spyOn(AnalyserGraph.prototype, 'read').mockImplementation(function (this: AnalyserGraph) {
      graphs.add(this);
      return read.call(this);
    });
    const elements = new Set<HTMLMediaElement>();
    const play = HTMLMediaElement.prototype.play;
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      elements.add(this);
      return play.call(this);
    });

    const remote = await receiveOverCall(owner, tone(440));
    const subscription = of(remote).pipe(analyse()).subscribe();
    await vi.waitFor(() => expect(graphs.size).toBe(1));
    const [graph] = graphs;
    const [element] = elements;
    expect(element?.srcObject).toBe(remote);
    expect(element?.paused).toBe(false);

    subscription.unsubscribe();
    expect(graph?.disposed).toBe(true);
    expect(graph?.spectrumAnalyser.disposed).toBe(true);
    expect(graph?.waveformAnalyser.disposed).toBe(true);
    expect(element?.srcObject).toBeNull();
    expect(element?.paused).toBe(true);
  });

  it('disposes the previous graph when a new stream comes', async () => {
    const disposed = vi.spyOn(AnalyserGraph.prototype, 'dispose');
    const streams = of(tone(440), tone(660));
    const subscription = streams.pipe(analyse()).subscribe();
    expect(disposed).toHaveBeenCalledTimes(1);
    subscription.unsubscribe();
    expect(disposed).toHaveBeenCalledTimes(2);
  });

  it('is disposed as Tone.js disposes: every member released, idempotent', () => {
    const graph = new AnalyserGraph(tone(440), { fftSize: 256, smoothing: 0.5, waveform: true });
    expect(graph.read().waveform).toHaveLength(256);
    expect(graph.read().spectrum).toHaveLength(128);
    expect(graph.dispose()).toBe(graph);
    expect([graph.disposed, graph.spectrumAnalyser.disposed, graph.waveformAnalyser.disposed]).toEqual([true, true, true]);
    expect(() => graph.dispose()).not.toThrow();
  });
});
