/**
 * One recording under way: the canvas capture, the MediaRecorder and the chunk writes, owned by
 * one subscription, with the recording's lock, from the moment it is recorded until it ended.
 */
import {
  concatMap,
  connect,
  dematerialize,
  from,
  ignoreElements,
  materialize,
  merge,
  type Observable,
  of,
  type Subscription,
  switchMap,
} from 'rxjs';
import { captureSource, type RecordSource } from './captureSource.ts';
import type { RecordingLock } from './recordingLock.ts';
import { recordingProgress, type RecordingProgress } from './recordingProgress.ts';
import type { RecordingStore } from './RecordingStore.ts';
import { recordMedia, type RecorderCommand } from './recordMedia.ts';
import type { ResolvedRecorderOptions } from './recorderOptions.ts';
import type { RecordError } from './RecordError.ts';

/** What a live recording records, and where to. */
export interface LiveRecordingTarget {
  readonly store: RecordingStore;
  /** The recording's ID in `store`, whose record exists. */
  readonly id: string;
  /** The recording's lock: held until {@link LiveRecording.cleanUp} or {@link LiveRecording.takeLock}. */
  readonly lock: RecordingLock | undefined;
  readonly source: RecordSource;
  readonly settings: ResolvedRecorderOptions;
  /** Pause, resume and stop, for the MediaRecorder. */
  readonly commands: Observable<RecorderCommand>;
}

/**
 * Starts recording at once. Chunks go to the store as they arrive, one write at a time, so
 * memory does not grow with the length of the recording.
 */
export class LiveRecording {
  readonly store: RecordingStore;
  readonly id: string;
  /** Resolves once MediaRecorder has started, or once recording ended before that; never rejects. */
  readonly started: Promise<void>;
  /** Resolves once the recorder stopped and the last chunk is stored; rejects at once with what failed. */
  readonly recorded: Promise<void>;

  #lock: RecordingLock | undefined;
  readonly #subscription: Subscription;
  #fail!: (error: unknown) => void;
  /** Chunks stored so far, and the write in flight. */
  #stored = 0;
  #lastWrite: Promise<unknown> = Promise.resolve();

  /** `report` hears every progress while recording. */
  constructor(target: LiveRecordingTarget, report: (progress: RecordingProgress) => void) {
    this.store = target.store;
    this.id = target.id;
    this.#lock = target.lock;
    let markStarted!: () => void;
    this.started = new Promise<void>((resolve) => (markStarted = resolve));
    let markRecorded!: () => void;
    this.recorded = new Promise<void>((resolve, reject) => {
      markRecorded = resolve;
      this.#fail = reject;
    });
    this.#subscription = this.#pipeline(target).subscribe({
      next: (progress) => {
        report(progress);
        if (progress.state === 'recording') markStarted();
      },
      error: (error: unknown) => this.#fail(error),
      complete: () => {
        markStarted();
        markRecorded();
      },
    });
  }

  /** Ends the recording at once with `error` (`recorded` rejects with it), unless it ended already. */
  fail(error: RecordError): void {
    this.#subscription.unsubscribe();
    this.#fail(error);
  }

  /** The recording's lock, for whoever keeps the recording from now on; this lets go of it. */
  takeLock(): RecordingLock | undefined {
    const lock = this.#lock;
    this.#lock = undefined;
    return lock;
  }

  /**
   * After recording failed (or was cut short): stops everything live, waits for the write in
   * flight, keeps what was stored (or removes a recording with nothing in it) and lets go of
   * the lock.
   */
  async cleanUp(): Promise<void> {
    this.#subscription.unsubscribe();
    await this.#lastWrite.catch(() => undefined);
    if (this.#stored === 0) await this.store.delete(this.id).catch(() => undefined);
    await this.takeLock()?.release();
  }

  /**
   * Capture, record, store and count, in one Observable: its subscription owns them all, and
   * it completes once the recorder stopped and the last chunk is stored.
   */
  #pipeline(target: LiveRecordingTarget): Observable<RecordingProgress> {
    const { fps, audioTracks, mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs, progressTickMs } = target.settings;
    let index = 0;
    const write = (chunk: Blob) => {
      const writing = this.store.append(this.id, index++, chunk).then(() => {
        this.#stored += 1;
      });
      this.#lastWrite = writing;
      return writing;
    };
    return captureSource(target.source, fps).pipe(
      switchMap((video) =>
        recordMedia(
          new MediaStream([...video.getVideoTracks(), ...audioTracks]),
          { mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs },
          target.commands,
        ).pipe(materialize()),
      ),
      // The capture never completes by itself: the recorder's completion, carried out of
      // switchMap as a value, ends the whole chain, and with it the captured track.
      dematerialize(),
      connect((events) =>
        merge(
          events.pipe(recordingProgress({ tickMs: progressTickMs })),
          // One write at a time, in order: chunk files are numbered as they arrive. A write
          // that fails (a full disk) fails the whole chain at once: the recorder stops.
          events.pipe(
            concatMap((event) => (event.type === 'data' ? from(write(event.data)) : of(null))),
            ignoreElements(),
          ),
        ),
      ),
    );
  }
}
