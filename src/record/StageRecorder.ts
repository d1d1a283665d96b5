/**
 * Recording a canvas (the stage) and a sound (the room's mix) to a seekable WebM, with
 * start, pause, resume and stop, progress as an Observable, and chunks kept on disk.
 */
import {
  BehaviorSubject,
  concatMap,
  connect,
  dematerialize,
  from,
  ignoreElements,
  materialize,
  merge,
  type Observable,
  of,
  Subject,
  type Subscription,
  switchMap,
} from 'rxjs';
import { captureSource, type RecordSource } from './captureSource.ts';
import { finishRecording, type FinishedRecording } from './finishRecording.ts';
import { holdRecordingLock, type RecordingLock } from './recordingLock.ts';
import { recordMedia, type RecorderCommand } from './recordMedia.ts';
import { resolveRecorderOptions, type ResolvedRecorderOptions, type StageRecorderOptions } from './recorderOptions.ts';
import { newRecordingId, type RecordingMeta } from './RecordingMeta.ts';
import { IDLE_PROGRESS, recordingProgress, type RecordingProgress, type RecordingState } from './recordingProgress.ts';
import { RecordingStore } from './RecordingStore.ts';
import { RecordError } from './RecordError.ts';

/**
 * The imperative handle on one recording. Behind it, one subscription owns everything live:
 * the canvas capture (its track is stopped), the MediaRecorder (its listeners removed) and
 * the queue of chunk writes; it ends at `stop()` or `dispose()`. Chunks go to the store as
 * they arrive, so memory does not grow with the length of the recording.
 *
 * From `start()` the recorder holds the recording's Web Lock (see `RecordingStore.lockName`):
 * other tabs sharing the store neither list it nor recover nor delete it. `stop()` hands the
 * lock to the finished recording it returns; `dispose()`, a failure, or the tab closing lets go
 * of it, and what reached the disk is then offered like a closed tab's recording.
 *
 * Bad options throw a {@link RecordError} at construction; controls out of turn throw one
 * with `'invalid-state'`. A failure while recording (a full disk: `'storage-full'`, a
 * MediaRecorder error: `'recorder-failed'`) stops it at once and shows in `progress$` as state
 * `'failed'` with the error; the chunks already stored are kept (none stored: nothing is kept).
 * A recorder records once.
 *
 * @example
 * ```ts
 * const recorder = new StageRecorder(stage.canvas, { audio: mixer.stream, room: 'jam' });
 * recorder.progress$.subscribe(({ state, elapsedMs, error }) => console.log(error ? error.message : `${state} ${Math.round(elapsedMs / 1000)} s`));
 * await recorder.start();
 * // ... pause(), resume() ...
 * const recording = await recorder.stop();
 * await downloadBlob(recording.file, recording.fileName);
 * await recording.delete();
 * recorder.dispose();
 * ```
 */
export class StageRecorder {
  /** The type MediaRecorder records in, chosen at construction. */
  readonly mimeType: string;
  /** State, time recorded (pauses left out) and bytes so far; replays the latest to new subscribers. */
  readonly progress$: Observable<RecordingProgress>;
  /**
   * Resolves once this recorder has let go of its recording: after `dispose()` or a failure
   * (other tabs, and this page's listings, then see it), or once `stop()` handed it on.
   */
  readonly released: Promise<void>;

  readonly #source: RecordSource;
  readonly #settings: ResolvedRecorderOptions;
  readonly #options: StageRecorderOptions;
  readonly #progress = new BehaviorSubject<RecordingProgress>(IDLE_PROGRESS);
  readonly #commands = new Subject<RecorderCommand>();
  readonly #markReleased: () => void;
  #phase: 'idle' | 'starting' | 'recording' | 'stopping' | 'failed' | 'done' | 'disposed' = 'idle';
  #subscription: Subscription | undefined;
  /** Settles once recording ended: resolves when the last chunk is stored, rejects (after the clean-up) with the failure. */
  #ended: Promise<void> | undefined;
  #failRecording: ((error: RecordError) => void) | undefined;
  #failure: RecordError | undefined;
  #currentMeta: RecordingMeta | undefined;
  #store: RecordingStore | undefined;
  #lock: RecordingLock | undefined;
  /** Chunks stored so far, and the write in flight. */
  #stored = 0;
  #lastWrite: Promise<unknown> = Promise.resolve();

  constructor(source: RecordSource, options: StageRecorderOptions = {}) {
    this.#settings = resolveRecorderOptions(source, options);
    this.#source = source;
    this.#options = options;
    this.mimeType = this.#settings.mimeType;
    this.progress$ = this.#progress.asObservable();
    let markReleased!: () => void;
    this.released = new Promise<void>((resolve) => (markReleased = resolve));
    this.#markReleased = markReleased;
  }

  /** The stored recording's record once started; `undefined` before. */
  get meta(): RecordingMeta | undefined {
    return this.#currentMeta;
  }

  /** The latest progress state. */
  get state(): RecordingState {
    return this.#progress.value.state;
  }

  get disposed(): boolean {
    return this.#phase === 'disposed';
  }

  /**
   * Opens the store, takes the recording's Web Lock, writes the metadata record and starts
   * recording; resolves once MediaRecorder has started.
   *
   * @example
   * ```ts
   * const { id } = await recorder.start();
   * ```
   */
  async start(): Promise<RecordingMeta> {
    this.#expect('idle', 'start()');
    this.#phase = 'starting';
    let store: RecordingStore | undefined;
    let meta: RecordingMeta | undefined;
    try {
      const opened = this.#options.store ?? (await RecordingStore.open());
      store = opened;
      const startedAt = Date.now();
      const id = newRecordingId(startedAt);
      // Held before the record exists: no other tab ever finds this recording unfinished and free.
      this.#lock = await holdRecordingLock(opened.lockName(id));
      this.#throwIfDisposedWhileStarting();
      meta = await opened.create({ id, startedAt, room: this.#options.room, name: this.#options.name, mimeType: this.mimeType });
      this.#currentMeta = meta;
      this.#throwIfDisposedWhileStarting();
      this.#store = opened;
      const recordingId = meta.id;
      const started = new Promise<void>((resolve, reject) => {
        const recorded = new Promise<void>((done, failed) => {
          this.#failRecording = failed;
          this.#subscription = this.#pipeline(opened, recordingId).subscribe({
            next: (progress) => {
              this.#progress.next(progress);
              if (progress.state === 'recording') resolve();
            },
            error: (error: unknown) => failed(error),
            complete: () => {
              resolve();
              done();
            },
          });
        });
        this.#ended = recorded.catch((error: unknown) => this.#afterFailure(error));
        this.#ended.catch(reject);
      });
      // stop() reports a failure itself, and progress$ says it at once: no unhandled rejection.
      this.#ended?.catch(() => undefined);
      await started;
      this.#phase = 'recording';
      return meta;
    } catch (error) {
      this.#subscription?.unsubscribe();
      if (!this.#ended) {
        // It failed before recording began: nothing was recorded, so nothing is kept.
        if (store && meta) await store.delete(meta.id).catch(() => undefined);
        await this.#letGo();
      }
      if (this.#phase === 'starting') this.#phase = 'done';
      throw error;
    }
  }

  /**
   * Pauses recording: the time until `resume()` is left out of the file and the elapsed time.
   *
   * @example
   * ```ts
   * declare const pauseButton: HTMLButtonElement;
   * pauseButton.onclick = () => (recorder.state === 'paused' ? recorder.resume() : recorder.pause());
   * ```
   */
  pause(): void {
    this.#expect('recording', 'pause()');
    this.#commands.next('pause');
  }

  /**
   * Resumes a paused recording.
   *
   * @example
   * ```ts
   * recorder.resume();
   * ```
   */
  resume(): void {
    this.#expect('recording', 'resume()');
    this.#commands.next('resume');
  }

  /**
   * Stops recording, waits for the last chunk to be stored, and makes the seekable file; the
   * finished recording it resolves with has the recording's lock from then on. Everything live
   * is released before the file is made. After a failure while recording, rejects with that
   * failure. A seekable file that does not fit is `'storage-full'`: the chunks stay, offered for
   * recovery (`listInterruptedRecordings`) once there is room.
   *
   * @example
   * ```ts
   * const { file, fileName, meta } = await recorder.stop();
   * ```
   */
  async stop(): Promise<FinishedRecording> {
    if (this.#phase === 'failed' && this.#failure) throw this.#failure;
    this.#expect('recording', 'stop()');
    this.#phase = 'stopping';
    this.#commands.next('stop');
    const store = this.#store;
    const meta = this.#currentMeta;
    try {
      await this.#ended;
      if (!store || !meta) throw new RecordError('invalid-state', 'StageRecorder: stop() without a started recording');
      this.#progress.next({ ...this.#progress.value, state: 'saving' });
      // Released by finishRecording on a failure, handed to the result on success.
      const lock = this.#lock;
      this.#lock = undefined;
      const finished = await finishRecording(store, meta.id, lock);
      this.#currentMeta = finished.meta;
      if (this.disposed) {
        // Nobody takes it from here: it stays, for another tab or the next visit to offer.
        await finished.release();
        throw new RecordError('disposed', 'StageRecorder: disposed while saving; the recording is kept');
      }
      this.#progress.next({ ...this.#progress.value, state: 'saved' });
      return finished;
    } catch (error) {
      if (!this.disposed) this.#progress.next({ ...this.#progress.value, state: 'failed', error: asRecordError(error) });
      throw error;
    } finally {
      this.#markReleased();
      if (!this.disposed) this.#phase = 'done';
    }
  }

  /**
   * Releases everything live: the capture, the MediaRecorder, the progress stream (it
   * completes), and the recording's lock. Chunks already stored stay, and a recording disposed
   * before `stop()` is offered for recovery like one from a closed tab (once `released`
   * resolves); one with no chunk stored yet is removed. A `stop()` in progress finishes the
   * file and leaves it for the next visit. Idempotent.
   *
   * @example
   * ```ts
   * recorder.dispose();
   * ```
   */
  dispose(): this {
    if (this.#phase === 'disposed') return this;
    const was = this.#phase;
    this.#phase = 'disposed';
    this.#subscription?.unsubscribe();
    // Recording (or stopping before the last chunk was stored): the clean-up after a failure
    // lets go of the lock. Starting: start() does. Idle: there is nothing to let go of.
    this.#failRecording?.(new RecordError('disposed', 'StageRecorder: disposed while recording'));
    if (was === 'idle') this.#markReleased();
    this.#commands.complete();
    this.#progress.complete();
    return this;
  }

  /**
   * After recording failed (or was disposed): wait for the write in flight, keep what was
   * stored (or remove a recording with nothing in it), let go of the lock, then say it.
   */
  async #afterFailure(error: unknown): Promise<never> {
    const failure = asRecordError(error);
    this.#failure = failure;
    if (this.#phase === 'recording' || this.#phase === 'starting') this.#phase = 'failed';
    this.#subscription?.unsubscribe();
    await this.#lastWrite.catch(() => undefined);
    if (this.#stored === 0 && this.#store && this.#currentMeta) await this.#store.delete(this.#currentMeta.id).catch(() => undefined);
    await this.#letGo();
    if (!this.disposed) this.#progress.next({ ...this.#progress.value, state: 'failed', error: failure });
    throw failure;
  }

  async #letGo(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    await lock?.release();
    this.#markReleased();
  }

  #throwIfDisposedWhileStarting(): void {
    if (this.disposed) throw new RecordError('disposed', 'StageRecorder: disposed before recording started');
  }

  /**
   * Capture, record, store and count, in one Observable: its subscription owns them all, and
   * it completes once the recorder stopped and the last chunk is stored.
   */
  #pipeline(store: RecordingStore, id: string): Observable<RecordingProgress> {
    const { fps, audioTracks, mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs, progressTickMs } = this.#settings;
    let index = 0;
    const write = (chunk: Blob) => {
      const writing = store.append(id, index++, chunk).then(() => {
        this.#stored += 1;
      });
      this.#lastWrite = writing;
      return writing;
    };
    return captureSource(this.#source, fps).pipe(
      switchMap((video) =>
        recordMedia(
          new MediaStream([...video.getVideoTracks(), ...audioTracks]),
          { mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs },
          this.#commands,
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

  #expect(phase: 'idle' | 'recording', what: string): void {
    if (this.#phase === 'disposed') throw new RecordError('disposed', `StageRecorder: ${what} after dispose()`);
    if (this.#phase !== phase)
      throw new RecordError('invalid-state', `StageRecorder: ${what} while ${this.#phase === 'recording' ? this.state : this.#phase}`);
  }
}

function asRecordError(error: unknown): RecordError {
  return error instanceof RecordError ? error : new RecordError('recorder-failed', 'The recording failed', { cause: error });
}
