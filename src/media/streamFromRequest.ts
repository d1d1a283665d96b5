/**
 * What `userMedia` and `displayMedia` share: one browser request for a MediaStream, owned by
 * the subscription that made it.
 */
import { Observable } from 'rxjs';
import { mediaAccessErrorFrom } from './MediaAccessError.ts';

/** Where local media comes from. Tests and embedders pass their own; default `navigator.mediaDevices`. */
export interface MediaDevicesOptions {
  readonly mediaDevices?: MediaDevices;
}

/**
 * `given`, else the page's `navigator.mediaDevices`, looked up at subscribe time (not import
 * time) so Node can import the module and a late polyfill still counts. `undefined` when the
 * browser hides it (insecure pages) or lacks it.
 *
 * @example
 * ```ts
 * import { mediaAccessErrorFrom } from './MediaAccessError.ts';
 * declare const options: MediaDevicesOptions;
 * const mediaDevices = resolveMediaDevices(options.mediaDevices);
 * if (!mediaDevices) throw mediaAccessErrorFrom(new TypeError('no mediaDevices'), 'camera');
 * ```
 */
export function resolveMediaDevices(given: MediaDevices | undefined): MediaDevices | undefined {
  return given ?? (globalThis as { navigator?: { mediaDevices?: MediaDevices } }).navigator?.mediaDevices;
}

/**
 * A cold Observable of the stream `request` obtains: asks on subscribe, emits the stream,
 * completes when every one of its tracks has ended, errors with a `MediaAccessError`.
 * Unsubscribing stops every track it obtained; when that happens before the browser
 * answers, the tracks are stopped as soon as it does, so a slow prompt never leaves a
 * camera light on.
 *
 * Only the tracks of the original answer are owned: a track the caller adds to the stream
 * later is the caller's to stop.
 *
 * @example
 * ```ts
 * const camera$ = streamFromRequest('camera', undefined, (devices) => devices.getUserMedia({ video: true }));
 * const subscription = camera$.subscribe((stream) => (video.srcObject = stream));
 * subscription.unsubscribe(); // the camera light goes off
 * ```
 */
export function streamFromRequest(
  what: string,
  mediaDevices: MediaDevices | undefined,
  request: (mediaDevices: MediaDevices) => Promise<MediaStream>,
): Observable<MediaStream> {
  return new Observable<MediaStream>((subscriber) => {
    const devices = resolveMediaDevices(mediaDevices);
    if (!devices) {
      subscriber.error(mediaAccessErrorFrom(new TypeError('navigator.mediaDevices is undefined'), what));
      return undefined;
    }

    let closed = false;
    let owned: readonly MediaStreamTrack[] = [];
    const onEnded = () => {
      if (owned.every((track) => track.readyState === 'ended')) subscriber.complete();
    };
    const cleanup = () => {
      closed = true;
      for (const track of owned) {
        track.removeEventListener('ended', onEnded);
        track.stop();
      }
    };

    // A missing method (no getDisplayMedia on phones) throws synchronously, not as a rejection.
    let answer: Promise<MediaStream>;
    try {
      answer = request(devices);
    } catch (error) {
      subscriber.error(mediaAccessErrorFrom(error, what));
      return undefined;
    }

    answer.then(
      (stream) => {
        const tracks = stream.getTracks();
        if (closed) {
          // Unsubscribed while the prompt was open: nobody will ever see these tracks.
          for (const track of tracks) track.stop();
          return;
        }
        owned = tracks;
        for (const track of tracks) track.addEventListener('ended', onEnded);
        subscriber.next(stream);
        // A track can end before we listened (unplugged during the prompt), and a stream
        // without tracks has nothing left to end.
        onEnded();
      },
      (error: unknown) => {
        if (!closed) subscriber.error(mediaAccessErrorFrom(error, what));
      },
    );

    return cleanup;
  });
}
