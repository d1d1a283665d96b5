/**
 * What this member shares, as its join request asks: the camera and microphone, a synthetic
 * picture and tone, or nothing. A camera that cannot be had is no dead end: the member joins
 * without media and is told why.
 */
import { catchError, map, Observable, of } from 'rxjs';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { userMedia } from '../media/userMedia.ts';
import type { MediaChoice } from './joinRequest.ts';
import { memberColour } from './memberColour.ts';

export interface LocalMedia {
  /** What to share; `null` for nothing. */
  readonly stream: MediaStream | null;
  /** Why the camera could not be had, when it was asked for and refused. */
  readonly problem?: unknown;
}

/**
 * Emits the member's media once; unsubscribing stops its tracks (the camera light goes off).
 *
 * @example
 * ```ts
 * localMedia('synthetic', 'Ada').subscribe(({ stream }) => joinRoom('jam', { name: 'Ada', stream: stream ?? undefined }));
 * ```
 */
export function localMedia(choice: MediaChoice, name: string): Observable<LocalMedia> {
  switch (choice) {
    case 'camera':
      return userMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } }).pipe(
        map((stream): LocalMedia => ({ stream })),
        catchError((problem: unknown) => of<LocalMedia>({ stream: null, problem })),
      );
    case 'synthetic':
      return new Observable<LocalMedia>((subscriber) => {
        const stream = createSyntheticStream({ label: name, color: memberColour(name), width: 320, height: 240 });
        subscriber.next({ stream });
        return () => {
          for (const track of stream.getTracks()) track.stop();
        };
      });
    case 'none':
      return of({ stream: null });
  }
}
