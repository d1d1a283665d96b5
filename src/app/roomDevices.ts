/**
 * Switching camera or microphone in the room, without leaving it: the new device's track
 * replaces the old one on every call (`room.replaceTrack`), the old device is let go (its light
 * goes off), and the stage shows the new picture. Nobody sees this member leave and come back.
 */
import { Observable, Subscription } from 'rxjs';
import { userMedia } from '../media/userMedia.ts';
import type { Room } from '../room/Room.ts';
import { deviceOf, devicePicker, devicesInUse as inUse, type DevicePickerKind, type DevicePickerOptions } from './devicePicker.ts';
import { element } from './dom.ts';
import './roomDevices.css';

export interface RoomDevicesOptions extends Pick<DevicePickerOptions, 'devices$'> {
  readonly room: Pick<Room, 'replaceTrack'>;
  /**
   * What this member joined with. Its tracks are swapped in place as devices change, so that
   * whoever reads it later (mute, camera off) finds the tracks in use.
   */
  readonly stream: MediaStream | null;
  /** Told of the picture this member now shows (the new camera's). */
  readonly onPicture: (stream: MediaStream) => void;
  /** Told of failures to show the person (the device busy, gone, refused). */
  readonly onProblem: (error: unknown) => void;
  /** Asks for one device's track; default `userMedia`. */
  readonly acquire?: (constraints: MediaStreamConstraints) => Observable<MediaStream>;
}

/** The camera the room asks for, as `localMedia` does. */
const VIDEO_SIZE = { width: { ideal: 640 }, height: { ideal: 480 } } as const;

/**
 * Places the pickers right after `anchor` while subscribed, for the kinds of device this member
 * shares (a synthetic picture or tone comes from no device: nothing to pick). Unsubscribing
 * removes them and stops the tracks they switched in.
 *
 * @example
 * ```ts
 * declare const controls: HTMLElement;
 * roomDevices(controls, { room, stream, onPicture: (picture) => stage.setStream('me', picture), onProblem: console.warn }).subscribe();
 * ```
 */
export function roomDevices(anchor: Element, options: RoomDevicesOptions): Observable<never> {
  return new Observable<never>(() => {
    const { stream } = options;
    const acquire = options.acquire ?? userMedia;
    const kinds = (['camera', 'microphone'] as const).filter((kind) => stream && deviceOf(trackOf(stream, kind)) !== undefined);
    if (!stream || kinds.length === 0) return undefined;
    const picker = devicePicker(inUse(stream), { kinds, devices$: options.devices$ });
    const box = element('section', { class: 'room-devices', 'aria-label': 'Switch devices' }, picker.element);
    anchor.after(box);

    /** Per kind: the acquisition whose track is in use now, and one still asking. */
    const installed = new Map<DevicePickerKind, Subscription>();
    const pending = new Map<DevicePickerKind, Subscription>();
    const owned = new Subscription();

    const switchTo = (kind: DevicePickerKind, deviceId: string) => {
      pending.get(kind)?.unsubscribe();
      const acquisition = new Subscription();
      pending.set(kind, acquisition);
      const constraints: MediaStreamConstraints =
        kind === 'camera' ? { video: { ...VIDEO_SIZE, deviceId: { exact: deviceId } } } : { audio: { deviceId: { exact: deviceId } } };
      acquisition.add(
        acquire(constraints).subscribe({
          next: (got) => {
            const fresh = trackOf(got, kind);
            const old = trackOf(stream, kind);
            if (!fresh || !old) return;
            // A muted microphone or a camera turned off stays so on the new device.
            fresh.enabled = old.enabled;
            options.room.replaceTrack(fresh);
            stream.removeTrack(old);
            stream.addTrack(fresh);
            old.stop();
            pending.delete(kind);
            installed.get(kind)?.unsubscribe();
            installed.set(kind, acquisition);
            if (kind === 'camera') options.onPicture(new MediaStream([fresh, ...stream.getAudioTracks()]));
          },
          error: (error: unknown) => {
            pending.delete(kind);
            // The pickers go back to the devices still in use.
            picker.show(inUse(stream));
            options.onProblem(error);
          },
        }),
      );
    };

    owned.add(
      picker.choice$.subscribe((choice) => {
        const now = inUse(stream);
        for (const kind of kinds) {
          const wanted = choice[kind];
          if (wanted !== undefined && wanted !== now[kind]) switchTo(kind, wanted);
        }
      }),
    );
    return () => {
      owned.unsubscribe();
      for (const acquisition of [...pending.values(), ...installed.values()]) acquisition.unsubscribe();
      box.remove();
    };
  });
}

function trackOf(stream: MediaStream, kind: DevicePickerKind): MediaStreamTrack | undefined {
  return kind === 'camera' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
}
