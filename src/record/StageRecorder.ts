/**
 * Recording a canvas (the stage) and a sound (the room's mix) to a seekable WebM, with
 * start, pause, resume and stop, progress as an Observable, and chunks kept on disk.
 */
import { BehaviorSubject, type Observable, Subject } from 'rxjs';
import type { RecordSource } from './captureSource.ts';
import { finishRecording, type FinishedRecording } from './finishRecording.ts';
import { LiveRecording } from './LiveRecording.ts';
import { holdRecordingLock, type RecordingLock } from './recordingLock.ts';
import type { RecorderCommand } from './recordMedia.ts';
import { resolveRecorderOptions, type ResolvedRecorderOptions, type StageRecorderOptions } from './recorderOptions.ts';
import { newRecordingId, type RecordingMeta } from './RecordingMeta.ts';
import { IDLE_PROGRESS, type RecordingProgress, type RecordingState } from './recordingProgress.ts';
import { RecordingStore } from './RecordingStore.ts';
import { RecordError } from './RecordError.ts';

/** A recording under way, and what its end settles: `recorded`, then the clean-up after a failure. */
interface Take {
  readonly live: LiveRecording;
  /** Resolves when the last chunk is stored; rejects (after the clean-up) with the failure. */
  readonly ended: Promise<void>;
}

/** Where a recorder is in its one lifetime. */
type RecorderLife =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting'; readonly take?: Take }
  | { readonly phase: 'recording' | 'stopping'; readonly take: Take }
  | { readonly phase: 'failed'; readonly failure: RecordError }
  | { readonly phase: 'done' }
  | { readonly phase: 'disposed' };

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
  #life: RecorderLife = { phase: 'idle' };
  /** The stored recording's record, from its making on (the finished one once stopped). */
  #meta: RecordingMeta | undefined;

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
    return this.#meta;
  }

  /** The latest progress state. */
  get state(): RecordingState {
    return this.#progress.value.state;
  }

  get disposed(): boolean {
    return this.#life.phase === 'disposed';
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
    this.#life = { phase: 'starting' };
    let store: RecordingStore | undefined;
    let meta: RecordingMeta | undefined;
    let lock: RecordingLock | undefined;
    let take: Take | undefined;
    try {
      const opened = this.#options.store ?? (await RecordingStore.open());
      store = opened;
      const startedAt = Date.now();
      const id = newRecordingId(startedAt);
      // Held before the record exists: no other tab ever finds this recording unfinished and free.
      lock = await holdRecordingLock(opened.lockName(id));
      this.#throwIfDisposedWhileStarting();
      meta = await opened.create({ id, startedAt, room: this.#options.room, name: this.#options.name, mimeType: this.mimeType });
      this.#meta = meta;
      this.#throwIfDisposedWhileStarting();
      const target = { store: opened, id: meta.id, lock, source: this.#source, settings: this.#settings, commands: this.#commands };
      const live = new LiveRecording(target, (progress) => this.#progress.next(progress));
      const ended = live.recorded.catch((error: unknown) => this.#afterFailure(error, live));
      take = { live, ended };
      this.#life = { phase: 'starting', take };
      // stop() reports a failure itself, and progress$ says it at once: no unhandled rejection.
      ended.catch(() => undefined);
      await Promise.race([live.started, ended]);
      if (this.#life.phase === 'starting') this.#life = { phase: 'recording', take };
      return meta;
    } catch (error) {
      if (!take) {
        // It failed before recording began: nothing was recorded, so nothing is kept.
        if (store && meta) await store.delete(meta.id).catch(() => undefined);
        await lock?.release();
        this.#markReleased();
      }
      if (this.#life.phase === 'starting') this.#life = { phase: 'done' };
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
    if (this.#life.phase === 'failed') throw this.#life.failure;
    const take = this.#expect('recording', 'stop()');
    this.#life = { phase: 'stopping', take };
    this.#commands.next('stop');
    const { store, id } = take.live;
    try {
      await take.ended;
      this.#progress.next({ ...this.#progress.value, state: 'saving' });
      // Released by finishRecording on a failure, handed to the result on success.
      const finished = await finishRecording(store, id, take.live.takeLock());
      this.#meta = finished.meta;
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
      if (!this.disposed) this.#life = { phase: 'done' };
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
    const was = this.#life;
    if (was.phase === 'disposed') return this;
    this.#life = { phase: 'disposed' };
    // Recording (or stopping before the last chunk was stored): the clean-up after a failure
    // lets go of the lock. Starting: start() does, or the clean-up once recording began. Idle:
    // there is nothing to let go of.
    if ('take' in was) was.take?.live.fail(new RecordError('disposed', 'StageRecorder: disposed while recording'));
    if (was.phase === 'idle') this.#markReleased();
    this.#commands.complete();
    this.#progress.complete();
    return this;
  }

  /**
   * After recording failed (or was disposed): keep what was stored (or remove a recording with
   * nothing in it), let go of the lock, then say it.
   */
  async #afterFailure(error: unknown, live: LiveRecording): Promise<never> {
    const failure = asRecordError(error);
    const { phase } = this.#life;
    if (phase === 'recording' || phase === 'starting') this.#life = { phase: 'failed', failure };
    await live.cleanUp();
    this.#markReleased();
    if (!this.disposed) this.#progress.next({ ...this.#progress.value, state: 'failed', error: failure });
    throw failure;
  }

  #throwIfDisposedWhileStarting(): void {
    if (this.disposed) throw new RecordError('disposed', 'StageRecorder: disposed before recording started');
  }

  /** The take under way in `phase`; a {@link RecordError} for a control out of turn. */
  #expect(phase: 'idle', what: string): undefined;
  #expect(phase: 'recording', what: string): Take;
  #expect(phase: 'idle' | 'recording', what: string): Take | undefined {
    const life = this.#life;
    if (life.phase === 'disposed') throw new RecordError('disposed', `StageRecorder: ${what} after dispose()`);
    if (life.phase !== phase)
      throw new RecordError('invalid-state', `StageRecorder: ${what} while ${life.phase === 'recording' ? this.state : life.phase}`);
    return life.phase === 'recording' ? life.take : undefined;
  }
}

function asRecordError(error: unknown): RecordError {
  return error instanceof RecordError ? error : new RecordError('recorder-failed', 'The recording failed', { cause: error });
}
