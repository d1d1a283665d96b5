/**
 * `analyse` (docs/architecture.md's contract): a stream's sound as a steady flow of level and spectrum.
 */
import { asyncScheduler, EMPTY, map, Observable, switchMap, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { BaseContext } from 'tone';
import { AnalyserGraph } from './AnalyserGraph.ts';
import { AudioError } from './AudioError.ts';
import type { AudioFrame } from './AudioFrame.ts';
import { sharedTicks } from './sharedTicks.ts';

export interface AnalyseOptions {
  /** Samples per FFT window, a power of two from 32 to 32768: `fftSize / 2` bins. Default 2048. */
  readonly fftSize?: number;
  /** Frames per second. Default 30. */
  readonly rate?: number;
  /** How much each spectrum keeps of the last, from 0 to 1 (Web Audio's smoothing). Default 0.8. */
  readonly smoothing?: number;
  /** Also hand out the waveform (`AudioFrame.waveform`). Default false. */
  readonly waveform?: boolean;
  /** The Tone.js context to analyse in. Default Tone's global context. */
  readonly context?: BaseContext;
  /** Paces the sampling; tests pass a virtual one. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

export const DEFAULT_FFT_SIZE = 2_048;
export const DEFAULT_ANALYSIS_RATE_HZ = 30;
export const DEFAULT_SMOOTHING = 0.8;

/**
 * Analyses each MediaStream that comes in (local or remote, as it is) and emits its
 * {@link AudioFrame}s at `rate` Hz, switching to the newest stream. Analyses at the same rate
 * share one timer. The Tone.js graph is built
 * on subscribe and disposed on unsubscribe or on the next stream; `null` (a member sharing
 * nothing, as `RemotePeer.stream$` says) or a stream without an audio track stops the frames
 * until the next stream. One frame object and its arrays are reused for every emission:
 * read it when it arrives, copy what you keep.
 *
 * Frames read silence while Tone's context is not running: before the page's first user
 * gesture where autoplay is not allowed, and for good where the browser has no audio output
 * (Firefox without a sound device). `startAudioOnGesture()` starts the context and reports
 * the second case as an {@link AudioError} (`'audio-unavailable'`); `audioPlayback()` says
 * whether it runs.
 *
 * Bad options throw a `RangeError` at once, not on subscribe.
 *
 * @example
 * ```ts
 * declare const meter: HTMLMeterElement;
 * peer.stream$.pipe(analyse({ fftSize: 1024, rate: 20 })).subscribe((frame) => (meter.value = frame.levelDb));
 * ```
 */
export function analyse(options: AnalyseOptions = {}): OperatorFunction<MediaStream | null, AudioFrame> {
  const fftSize = options.fftSize ?? DEFAULT_FFT_SIZE;
  const rate = options.rate ?? DEFAULT_ANALYSIS_RATE_HZ;
  const smoothing = options.smoothing ?? DEFAULT_SMOOTHING;
  checkOptions(fftSize, rate, smoothing);
  const graphOptions = { fftSize, smoothing, waveform: options.waveform ?? false, context: options.context };
  const periodMs = 1_000 / rate;
  const scheduler = options.scheduler ?? asyncScheduler;

  return (streams$) =>
    streams$.pipe(
      switchMap((stream) =>
        stream === null || stream.getAudioTracks().length === 0
          ? EMPTY
          : new Observable<AnalyserGraph>((subscriber) => {
              const graph = new AnalyserGraph(stream, graphOptions);
              subscriber.next(graph);
              return () => graph.dispose();
            }).pipe(switchMap((graph) => sharedTicks(periodMs, scheduler).pipe(map(() => graph.read())))),
      ),
    );
}

function checkOptions(fftSize: number, rate: number, smoothing: number): void {
  const isPowerOfTwo = Number.isInteger(Math.log2(fftSize));
  if (!isPowerOfTwo || fftSize < 32 || fftSize > 32_768) {
    throw new RangeError(`analyse: fftSize must be a power of two from 32 to 32768, not ${fftSize}`);
  }
  if (!(rate > 0 && rate <= 1_000)) throw new RangeError(`analyse: rate must be above 0 and at most 1000 Hz, not ${rate}`);
  if (!(smoothing >= 0 && smoothing <= 1)) {
    throw new RangeError(`analyse: smoothing must be from 0 to 1, not ${smoothing}`);
  }
}
