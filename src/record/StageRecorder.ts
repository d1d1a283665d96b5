/**
 * Recording a canvas (the stage) and a sound (the room's mix) to a seekable WebM, with
 * start, pause, resume and stop, progress as an Observable, and chunks kept on disk.
 */
import { BehaviorSubject, concatMap, connect, dematerialize, from, ignoreElements, materialize, merge, type Observable, of, Subject, type Subscription, switchMap } from 'rxjs';
import { captureSource, type RecordSource } from './captureSource.ts';
import { finishRecording, type FinishedRecording } from './finishRecording.ts';
import { recordMedia, type RecorderCommand } from './recordMedia.ts';
import { resolveRecorderOptions, type ResolvedRecorderOptions, type StageRecorderOptions } from './recorderOptions.ts';
import type { RecordingMeta } from './RecordingMeta.ts';
import { IDLE_PROGRESS, recordingProgress, type RecordingProgress, type RecordingState } from './recordingProgress.ts';
import { RecordingStore } from './RecordingStore.ts';
import { RecordError } from './RecordError.ts';

/**
 * The imperative handle on one recording. Behind it, one subscription owns everything live:
 * the canvas capture (its track is stopped), the MediaRecorder (its listeners removed) and
 * the queue of chunk writes; it ends at `stop()` or `dispose()`. Chunks go to the store as
 * they arrive, so memory does not grow with the length of the recording.
 *
 * Bad options throw a {@link RecordError} at construction; controls out of turn throw one
 * with `'invalid-state'`. A recorder records once.
 *
 * @example
 * ```ts
 * const recorder = new StageRecorder(stage.canvas, { audio: mix.stream, room: 'jam' });
 * recorder.progress$.subscribe(({ state, elapsedMs }) => (timer.textContent = `${state} ${Math.round(elapsedMs / 1000)} s`));
 * await recorder.start();
 * // ... pause(), resume() ...
 * const recording = await recorder.stop();
 * await downloadBlob(recording.file, recording.fileName);
 * recorder.dispose();
 * ```
 */
export class StageRecorder {
  /** The type MediaRecorder records in, chosen at construction. */
  readonly mimeType: string;
  /** State, time recorded (pauses left out) and bytes so far; replays the latest to new subscribers. */
  readonly progress$: Observable<RecordingProgress>;

  private readonly source: RecordSource;
  private readonly settings: ResolvedRecorderOptions;
  private readonly options: StageRecorderOptions;
  private readonly progress = new BehaviorSubject<RecordingProgress>(IDLE_PROGRESS);
  private readonly commands = new Subject<RecorderCommand>();
  private phase: 'idle' | 'starting' | 'recording' | 'stopping' | 'done' | 'disposed' = 'idle';
  private subscription: Subscription | undefined;
  private recorded: Promise<void> | undefined;
  private currentMeta: RecordingMeta | undefined;
  private store: RecordingStore | undefined;

  constructor(source: RecordSource, options: StageRecorderOptions = {}) {
    this.settings = resolveRecorderOptions(source, options);
    this.source = source;
    this.options = options;
    this.mimeType = this.settings.mimeType;
    this.progress$ = this.progress.asObservable();
  }

  /** The stored recording's record once started; `undefined` before. */
  get meta(): RecordingMeta | undefined {
    return this.currentMeta;
  }

  /** The latest progress state. */
  get state(): RecordingState {
    return this.progress.value.state;
  }

  get disposed(): boolean {
    return this.phase === 'disposed';
  }

  /**
   * Opens the store, writes the metadata record and starts recording; resolves once
   * MediaRecorder has started.
   *
   * @example
   * ```ts
   * const { id } = await recorder.start();
   * ```
   */
  async start(): Promise<RecordingMeta> {
    this.expect('idle', 'start()');
    this.phase = 'starting';
    try {
      const store = this.options.store ?? (await RecordingStore.open());
      const meta = await store.create({ room: this.options.room, name: this.options.name, mimeType: this.mimeType });
      if (this.disposed) {
        // Disposed while the store opened: nothing was recorded, so nothing is left to recover.
        await store.delete(meta.id).catch(() => undefined);
        throw new RecordError('disposed', 'StageRecorder: disposed before recording started');
      }
      this.store = store;
      this.currentMeta = meta;
      const started = new Promise<void>((resolve, reject) => {
        this.recorded = new Promise<void>((done, failed) => {
          this.subscription = this.pipeline(store, meta.id).subscribe({
            next: (progress) => {
              this.progress.next(progress);
              if (progress.state === 'recording') resolve();
            },
            error: (error: unknown) => {
              this.progress.next({ ...this.progress.value, state: 'failed' });
              reject(error);
              failed(error);
            },
            complete: () => {
              resolve();
              done();
            },
          });
        });
        // stop() reports a failure itself; until then, no unhandled rejection.
        this.recorded.catch(() => undefined);
      });
      await started;
      this.phase = 'recording';
      return meta;
    } catch (error) {
      if (!this.disposed) this.phase = 'done';
      this.subscription?.unsubscribe();
      throw error;
    }
  }

  /**
   * Pauses recording: the time until `resume()` is left out of the file and the elapsed time.
   *
   * @example
   * ```ts
   * pauseButton.onclick = () => (recorder.state === 'paused' ? recorder.resume() : recorder.pause());
   * ```
   */
  pause(): void {
    this.expect('recording', 'pause()');
    this.commands.next('pause');
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
    this.expect('recording', 'resume()');
    this.commands.next('resume');
  }

  /**
   * Stops recording, waits for the last chunk to be stored, and makes the seekable file.
   * Everything live is released before the file is made.
   *
   * @example
   * ```ts
   * const { file, fileName, meta } = await recorder.stop();
   * ```
   */
  async stop(): Promise<FinishedRecording> {
    this.expect('recording', 'stop()');
    this.phase = 'stopping';
    this.commands.next('stop');
    const { store, currentMeta: meta } = this;
    try {
      await this.recorded;
      if (!store || !meta) throw new RecordError('invalid-state', 'StageRecorder: stop() without a started recording');
      this.progress.next({ ...this.progress.value, state: 'saving' });
      const finished = await finishRecording(store, meta.id);
      this.currentMeta = finished.meta;
      this.progress.next({ ...this.progress.value, state: 'saved' });
      return finished;
    } catch (error) {
      if (!this.disposed) this.progress.next({ ...this.progress.value, state: 'failed' });
      throw error;
    } finally {
      if (!this.disposed) this.phase = 'done';
    }
  }

  /**
   * Releases everything live: the capture, the MediaRecorder, the progress stream (it
   * completes). Chunks already stored stay, and a recording disposed before `stop()` is
   * offered for recovery like one from a closed tab. Idempotent.
   *
   * @example
   * ```ts
   * recorder.dispose();
   * ```
   */
  dispose(): this {
    if (this.phase === 'disposed') return this;
    this.phase = 'disposed';
    this.subscription?.unsubscribe();
    this.commands.complete();
    this.progress.complete();
    return this;
  }

  /**
   * Capture, record, store and count, in one Observable: its subscription owns them all, and
   * it completes once the recorder stopped and the last chunk is stored.
   */
  private pipeline(store: RecordingStore, id: string): Observable<RecordingProgress> {
    const { fps, audioTracks, mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs, progressTickMs } = this.settings;
    let index = 0;
    return captureSource(this.source, fps).pipe(
      switchMap((video) =>
        recordMedia(new MediaStream([...video.getVideoTracks(), ...audioTracks]), { mimeType, videoBitsPerSecond, audioBitsPerSecond, timesliceMs }, this.commands).pipe(
          materialize(),
        ),
      ),
      // The capture never completes by itself: the recorder's completion, carried out of
      // switchMap as a value, ends the whole chain, and with it the captured track.
      dematerialize(),
      connect((events) =>
        merge(
          events.pipe(recordingProgress({ tickMs: progressTickMs })),
          // One write at a time, in order: chunk files are numbered as they arrive.
          events.pipe(
            concatMap((event) => (event.type === 'data' ? from(store.append(id, index++, event.data)) : of(null))),
            ignoreElements(),
          ),
        ),
      ),
    );
  }

  private expect(phase: 'idle' | 'recording', what: string): void {
    if (this.phase === 'disposed') throw new RecordError('disposed', `StageRecorder: ${what} after dispose()`);
    if (this.phase !== phase) throw new RecordError('invalid-state', `StageRecorder: ${what} while ${this.phase === 'recording' ? this.state : this.phase}`);
  }
}
