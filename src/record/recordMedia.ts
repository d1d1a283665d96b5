/**
 * MediaRecorder as an Observable: subscribing records, the subscription owns the recorder.
 */
import { Observable } from 'rxjs';
import type { RecorderEvent } from './RecorderEvent.ts';
import { RecordError } from './RecordError.ts';

/** A control for a running recording. */
export type RecorderCommand = 'pause' | 'resume' | 'stop';

export interface RecordMediaOptions {
  /** A type MediaRecorder supports (see `chooseMimeType`). */
  readonly mimeType: string;
  readonly videoBitsPerSecond?: number;
  readonly audioBitsPerSecond?: number;
  /** Hand over data every this many ms, so it can be stored as it comes. */
  readonly timesliceMs: number;
}

/**
 * Records `stream` with a MediaRecorder made on subscribe, and emits in order: `start`, then
 * `data` every `timesliceMs`, `pause` and `resume` as `commands` ask, and `stop` when a
 * `'stop'` command stops it (or it stops by itself), then the last `data`, then completes.
 * `start`, `pause`, `resume` and `stop` come at the moment they take effect on the media
 * clock, so the time between them is the time in the file. A MediaRecorder error, or a
 * refusal to start, errors with a {@link RecordError} (`'recorder-failed'`).
 *
 * Unsubscribing early stops the recorder and drops what it still hands over; either way every
 * listener is removed. The stream's tracks are the caller's: nothing here stops them.
 *
 * @example
 * ```ts
 * const chunks: Blob[] = [];
 * const commands = new Subject<RecorderCommand>();
 * recordMedia(stream, { mimeType: 'video/webm;codecs=vp9,opus', timesliceMs: 2_000 }, commands)
 *   .subscribe((event) => event.type === 'data' && chunks.push(event.data));
 * setTimeout(() => commands.next('stop'), 5_000);
 * ```
 */
export function recordMedia(
  stream: MediaStream,
  options: RecordMediaOptions,
  commands: Observable<RecorderCommand>,
): Observable<RecorderEvent> {
  return new Observable<RecorderEvent>((subscriber) => {
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, {
        mimeType: options.mimeType,
        videoBitsPerSecond: options.videoBitsPerSecond,
        audioBitsPerSecond: options.audioBitsPerSecond,
      });
    } catch (cause) {
      subscriber.error(new RecordError('recorder-failed', `MediaRecorder refused ${options.mimeType}`, { cause }));
      return;
    }

    // Chromium fires 'start' only once the encoders are up: 400 ms late on a busy machine,
    // while the media's clock starts at start(). So start, pause, resume and stop are told
    // when they are asked for, not when their events come, and match the file's timestamps.
    let stopTold = false;
    const tellStop = () => {
      if (stopTold) return;
      stopTold = true;
      subscriber.next({ type: 'stop' });
    };
    // Chromium hands over an empty Blob when nothing was encoded since the last one.
    const onData = (event: BlobEvent) => event.data.size > 0 && subscriber.next({ type: 'data', data: event.data });
    const onStop = () => {
      tellStop(); // stopped by itself, e.g. every track ended
      subscriber.complete();
    };
    const onError = (event: Event) => {
      const cause = event instanceof ErrorEvent ? event.error : event;
      subscriber.error(new RecordError('recorder-failed', 'MediaRecorder failed while recording', { cause }));
    };
    recorder.addEventListener('dataavailable', onData);
    recorder.addEventListener('stop', onStop);
    recorder.addEventListener('error', onError);

    const control = commands.subscribe((command) => {
      // MediaRecorder throws for a pause while inactive and the like: a control out of turn
      // is not applied (the recorder handle refuses those before they get here).
      if (command === 'pause' && recorder.state === 'recording') {
        recorder.pause();
        subscriber.next({ type: 'pause' });
      } else if (command === 'resume' && recorder.state === 'paused') {
        recorder.resume();
        subscriber.next({ type: 'resume' });
      } else if (command === 'stop' && recorder.state !== 'inactive') {
        recorder.stop();
        tellStop();
      }
    });

    try {
      recorder.start(options.timesliceMs);
      subscriber.next({ type: 'start' });
    } catch (cause) {
      subscriber.error(new RecordError('recorder-failed', 'MediaRecorder did not start', { cause }));
    }

    return () => {
      control.unsubscribe();
      recorder.removeEventListener('dataavailable', onData);
      recorder.removeEventListener('stop', onStop);
      recorder.removeEventListener('error', onError);
      if (recorder.state !== 'inactive') recorder.stop();
    };
  });
}
