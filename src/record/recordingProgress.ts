/**
 * A recording's progress for a timer and a size display: state, time recorded, bytes so far.
 */
import { asyncScheduler, interval, map, type OperatorFunction, scan, type SchedulerLike, startWith, switchMap, of } from 'rxjs';
import type { RecorderEvent } from './RecorderEvent.ts';
import type { RecordError } from './RecordError.ts';

/**
 * Where a recording is. `stopped`: the recorder is done and the seekable file is being made
 * (`saving`) next; `saved`: the file is ready. The recorder handle adds the states that do not
 * come from MediaRecorder events: `idle`, `saving`, `saved` and `failed`.
 */
export type RecordingState = 'idle' | 'recording' | 'paused' | 'stopped' | 'saving' | 'saved' | 'failed';

export interface RecordingProgress {
  readonly state: RecordingState;
  /** Time recorded so far in ms, pauses left out: what the finished file's duration will be. */
  readonly elapsedMs: number;
  /** Bytes MediaRecorder has handed over so far. */
  readonly bytes: number;
  /** Why, when `state` is `'failed'` (e.g. `'storage-full'`: the disk is full). */
  readonly error?: RecordError;
}

export interface RecordingProgressOptions {
  /** How often the elapsed time is re-emitted while recording. Default 250 ms. */
  readonly tickMs?: number;
  /** Gives the time and paces the ticks; tests pass a virtual one. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

export const DEFAULT_PROGRESS_TICK_MS = 250;

export const IDLE_PROGRESS: RecordingProgress = { state: 'idle', elapsedMs: 0, bytes: 0 };

interface Tally {
  readonly state: RecordingState;
  /** Recorded time up to `since`. */
  readonly banked: number;
  /** When the current recording stretch began (scheduler time), or null when not recording. */
  readonly since: number | null;
  readonly bytes: number;
}

/**
 * Turns a recorder's events into its progress: one value per event, and one every `tickMs`
 * while recording so a timer keeps running. Time is read from the scheduler when an event
 * arrives; a pause banks the stretch recorded so far, a resume starts a new one, so paused
 * time never counts.
 *
 * @example
 * ```ts
 * import type { RecorderEvent } from 'peerstage/record';
 * declare const recorderEvents$: Observable<RecorderEvent>;
 * recorderEvents$.pipe(recordingProgress({ tickMs: 500 })).subscribe(({ state, elapsedMs, bytes }) => {
 *   console.log(`${state} ${(elapsedMs / 1000).toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB`);
 * });
 * ```
 */
export function recordingProgress(options: RecordingProgressOptions = {}): OperatorFunction<RecorderEvent, RecordingProgress> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const tickMs = options.tickMs ?? DEFAULT_PROGRESS_TICK_MS;
  const start: Tally = { state: 'idle', banked: 0, since: null, bytes: 0 };
  return (events$) =>
    events$.pipe(
      scan((tally, event) => tallyEvent(tally, event, scheduler.now()), start),
      switchMap((tally) => {
        const read = () => progressOf(tally, scheduler.now());
        return tally.since === null ? of(read()) : interval(tickMs, scheduler).pipe(map(read), startWith(read()));
      }),
    );
}

function tallyEvent(tally: Tally, event: RecorderEvent, now: number): Tally {
  const banked = tally.since === null ? tally.banked : tally.banked + (now - tally.since);
  switch (event.type) {
    case 'start':
      return tally.state === 'idle' ? { ...tally, state: 'recording', since: now } : tally;
    case 'pause':
      return tally.state === 'recording' ? { ...tally, state: 'paused', banked, since: null } : tally;
    case 'resume':
      return tally.state === 'paused' ? { ...tally, state: 'recording', since: now } : tally;
    case 'data':
      return { ...tally, bytes: tally.bytes + event.data.size };
    case 'stop':
      return { ...tally, state: 'stopped', banked, since: null };
  }
}

function progressOf(tally: Tally, now: number): RecordingProgress {
  const elapsedMs = tally.since === null ? tally.banked : tally.banked + (now - tally.since);
  return { state: tally.state, elapsedMs, bytes: tally.bytes };
}
