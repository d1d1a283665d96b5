/**
 * What this member shares, as its join request asks: the camera and microphone, a synthetic
 * picture and tone, or nothing. A camera that cannot be had is no dead end: the member joins
 * without media and is told why.
 */
import { catchError, map, Observable, of } from 'rxjs';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { userMedia } from '../media/userMedia.ts';
import type { DeviceChoice, MediaChoice } from './joinRequest.ts';
import { memberColour } from './memberColour.ts';

export interface LocalMedia {
  /** What to share; `null` for nothing. */
  readonly stream: MediaStream | null;
  /** Why the camera could not be had, when it was asked for and refused. */
  readonly problem?: unknown;
}

export interface LocalMediaOptions {
  /**
   * How `devices` binds: `'ideal'` (the default) prefers them and falls back to the browser's
   * choice (a remembered device may be gone); `'exact'` takes only them, as a person's pick
   * from a list must (Chromium may keep its default microphone over an ideal one).
   */
  readonly match?: 'ideal' | 'exact';
}

/**
 * Emits the member's media once; unsubscribing stops its tracks (the camera light goes off).
 * `devices` names the camera and microphone to use, bound as `options.match` says.
 *
 * @example
 * ```ts
 * localMedia('synthetic', 'Ada').subscribe(({ stream }) => joinRoom('jam', { name: 'Ada', stream: stream ?? undefined }));
 * ```
 */
export function localMedia(
  choice: MediaChoice,
  name: string,
  devices: DeviceChoice = {},
  options: LocalMediaOptions = {},
): Observable<LocalMedia> {
  const match = options.match ?? 'ideal';
  switch (choice) {
    case 'camera':
      return userMedia({
        audio: devices.microphone ? { deviceId: { [match]: devices.microphone } } : true,
        video: { width: { ideal: 640 }, height: { ideal: 480 }, ...(devices.camera ? { deviceId: { [match]: devices.camera } } : {}) },
      }).pipe(
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
