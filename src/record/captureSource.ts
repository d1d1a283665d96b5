/**
 * The video to record: a canvas captured as a stream, or a stream given as it is.
 */
import { Observable } from 'rxjs';
import { RecordError } from './RecordError.ts';

/** What a recorder records: a canvas (captured at `fps`) or a MediaStream with video. */
export type RecordSource = HTMLCanvasElement | MediaStream;

/**
 * Emits one MediaStream with `source`'s video, then stays open. A canvas is captured with
 * `captureStream(fps)` on subscribe, and its captured tracks are stopped on unsubscribe; a
 * MediaStream is the caller's and is handed on untouched (its tracks are not stopped).
 *
 * @example
 * ```ts
 * const owned = captureSource(stage.canvas, 30).subscribe((video) => new MediaRecorder(video).start());
 * owned.unsubscribe(); // the captured track ends
 * ```
 */
export function captureSource(source: RecordSource, fps: number): Observable<MediaStream> {
  return new Observable<MediaStream>((subscriber) => {
    if (source instanceof MediaStream) {
      subscriber.next(source);
      return;
    }
    let captured: MediaStream;
    try {
      captured = source.captureStream(fps);
    } catch (cause) {
      // A canvas tainted by cross-origin images refuses to be captured.
      subscriber.error(new RecordError('unsupported', 'The canvas cannot be captured', { cause }));
      return;
    }
    subscriber.next(captured);
    return () => {
      for (const track of captured.getTracks()) track.stop();
    };
  });
}
