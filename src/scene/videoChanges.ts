/**
 * A stream's video as it comes and goes: a remote stream can gain its video track after it
 * was handed out, and a cube built on it before then would keep showing the name.
 */
import { Observable } from 'rxjs';

/**
 * Emits `stream` at once and whenever its tracks change (`addtrack` / `removetrack`), or
 * `null` while it has no live video track. Only the browser fires those events, for remote
 * streams; a script's own `addTrack` fires none.
 *
 * @example
 * ```ts
 * peer.stream$.pipe(switchMap((stream) => (stream ? videoChanges(stream) : of(null))))
 *   .subscribe((video) => stage.setStream(peer.id, video));
 * ```
 */
export function videoChanges(stream: MediaStream): Observable<MediaStream | null> {
  return new Observable<MediaStream | null>((subscriber) => {
    const emit = () => subscriber.next(stream.getVideoTracks().some((track) => track.readyState === 'live') ? stream : null);
    stream.addEventListener('addtrack', emit);
    stream.addEventListener('removetrack', emit);
    emit();
    return () => {
      stream.removeEventListener('addtrack', emit);
      stream.removeEventListener('removetrack', emit);
    };
  });
}
