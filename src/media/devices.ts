/**
 * The list of cameras, microphones and speakers, kept current as devices come and go.
 */
import { Observable } from 'rxjs';
import { mediaAccessErrorFrom } from './MediaAccessError.ts';
import { type MediaDevicesOptions, resolveMediaDevices } from './streamFromRequest.ts';

/**
 * The media devices of one `kind` (all kinds when omitted): enumerated on subscribe and again
 * on every `devicechange`, emitted only when the list differs from the last one. It never
 * completes; unsubscribing removes its listener.
 *
 * Until the page has been granted a camera or microphone, browsers list at most one device per
 * kind with an empty `label` and `deviceId`; the full list arrives with a `devicechange` once
 * permission is given.
 *
 * @example
 * ```ts
 * declare const cameraSelect: HTMLSelectElement;
 * devices$('videoinput').subscribe((cameras) => {
 *   cameraSelect.replaceChildren(...cameras.map((camera) => new Option(camera.label, camera.deviceId)));
 * });
 * ```
 */
export function devices$(kind?: MediaDeviceKind, options: MediaDevicesOptions = {}): Observable<readonly MediaDeviceInfo[]> {
  const what = kind ? `${kind} devices` : 'media devices';
  return new Observable<readonly MediaDeviceInfo[]>((subscriber) => {
    const mediaDevices = resolveMediaDevices(options.mediaDevices);
    if (!mediaDevices) {
      subscriber.error(mediaAccessErrorFrom(new TypeError('navigator.mediaDevices is undefined'), what));
      return undefined;
    }

    let last: readonly MediaDeviceInfo[] | undefined;
    // Two quick devicechanges start two enumerations that may settle out of order: only the
    // latest one speaks.
    let latest = 0;
    const enumerate = () => {
      const asked = ++latest;
      mediaDevices.enumerateDevices().then(
        (all) => {
          if (asked !== latest || subscriber.closed) return;
          const list = kind ? all.filter((device) => device.kind === kind) : all;
          if (last && sameDevices(last, list)) return;
          last = list;
          subscriber.next(list);
        },
        (error: unknown) => subscriber.error(mediaAccessErrorFrom(error, what)),
      );
    };

    mediaDevices.addEventListener('devicechange', enumerate);
    enumerate();
    return () => mediaDevices.removeEventListener('devicechange', enumerate);
  });
}

/** `devicechange` also fires for kinds filtered out, and for no visible change at all. */
function sameDevices(a: readonly MediaDeviceInfo[], b: readonly MediaDeviceInfo[]): boolean {
  return (
    a.length === b.length &&
    a.every((device, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        device.deviceId === other.deviceId &&
        device.kind === other.kind &&
        device.label === other.label &&
        device.groupId === other.groupId
      );
    })
  );
}
