/**
 * The camera and microphone pickers: a `<select>` for each, filled from the browser's device
 * list and kept current as devices come and go (or their names arrive with permission).
 */
import { defer, distinctUntilChanged, fromEvent, map, merge, type Observable, startWith, tap } from 'rxjs';
import { devices$ as browserDevices$ } from '../media/devices.ts';
import { element } from './dom.ts';
import type { DeviceChoice } from './joinRequest.ts';

/** The kinds a picker offers, with each one's label and the word for an unnamed device. */
const KINDS = {
  camera: { kind: 'videoinput', label: 'Camera', unnamed: 'Camera' },
  microphone: { kind: 'audioinput', label: 'Microphone', unnamed: 'Microphone' },
} as const satisfies Record<keyof DeviceChoice, { kind: MediaDeviceKind; label: string; unnamed: string }>;

export type DevicePickerKind = keyof typeof KINDS;

export interface DevicePicker {
  /** A group of labelled selects, one per kind asked for. */
  readonly element: HTMLElement;
  /**
   * The choice now, then each change the person makes: subscribing fills the selects (and
   * keeps them current); unsubscribing stops listening. A device ID that is `''` (before
   * permission, browsers hide IDs) is left out: the browser's default.
   */
  readonly choice$: Observable<DeviceChoice>;
  /** Selects the devices actually in use (once permission names them), without a change event. */
  show(inUse: DeviceChoice): void;
}

export interface DevicePickerOptions {
  /** Which pickers to show; default both. */
  readonly kinds?: readonly DevicePickerKind[];
  /** The device list of one kind; default `devices$` (src/media/devices.ts). */
  readonly devices$?: (kind: MediaDeviceKind) => Observable<readonly MediaDeviceInfo[]>;
}

/**
 * Builds the pickers, preselecting `initial`'s devices where the list has them.
 *
 * @example
 * ```ts
 * const picker = devicePicker({ camera: localStorage.getItem('camera') ?? undefined });
 * declare const form: HTMLFormElement;
 * form.append(picker.element);
 * picker.choice$.subscribe(({ camera }) => console.log('camera now', camera ?? 'the default'));
 * ```
 */
export function devicePicker(initial: DeviceChoice = {}, options: DevicePickerOptions = {}): DevicePicker {
  const list = options.devices$ ?? ((kind: MediaDeviceKind) => browserDevices$(kind));
  const kinds = options.kinds ?? (['camera', 'microphone'] as const);
  const pickers = kinds.map((field) => {
    const { kind, label } = KINDS[field];
    const select = element('select', { name: field });
    return { field, kind, select, label: element('label', { class: 'device-picker-choice' }, label, select) };
  });
  const group = element('div', { class: 'device-picker', role: 'group', 'aria-label': 'Devices' }, ...pickers.map((p) => p.label));

  const wanted: Record<string, string | undefined> = { ...initial };
  const choice$ = defer(() => {
    const fills = pickers.map(({ field, kind, select }) =>
      list(kind).pipe(
        tap((devices) => {
          fill(select, devices, KINDS[field].unnamed, wanted[field]);
        }),
      ),
    );
    const picks = pickers.map(({ field, select }) =>
      fromEvent(select, 'change').pipe(
        tap(() => {
          // The person's pick outlives list refreshes: a refresh keeps it selected.
          wanted[field] = select.value || undefined;
        }),
      ),
    );
    return merge(...fills, ...picks).pipe(
      startWith(null),
      map(() => current(pickers)),
      distinctUntilChanged((a, b) => a.camera === b.camera && a.microphone === b.microphone),
    );
  });
  const show = (inUse: DeviceChoice) => {
    for (const { field, select } of pickers) {
      const id = inUse[field];
      if (id === undefined) continue;
      wanted[field] = id;
      if ([...select.options].some((option) => option.value === id)) select.value = id;
    }
  };
  return { element: group, choice$, show };
}

/** The selected devices, leaving out the unknown ones. */
function current(pickers: readonly { field: DevicePickerKind; select: HTMLSelectElement }[]): DeviceChoice {
  const choice: { camera?: string; microphone?: string } = {};
  for (const { field, select } of pickers) if (select.value) choice[field] = select.value;
  return choice;
}

/** Lists `devices` as options, names or "Camera 2" (labels are empty before permission), selecting `wanted` if present. */
function fill(select: HTMLSelectElement, devices: readonly MediaDeviceInfo[], unnamed: string, wanted: string | undefined): void {
  const options = devices.map((device, i) => new Option(device.label || `${unnamed} ${i + 1}`, device.deviceId));
  if (options.length === 0) options.push(new Option(`No ${unnamed.toLowerCase()} found`, ''));
  select.replaceChildren(...options);
  select.disabled = devices.length === 0;
  if (wanted !== undefined && devices.some((device) => device.deviceId === wanted)) select.value = wanted;
}

/**
 * The device a track comes from; none for canvas and Web Audio tracks. Those have a `deviceId`
 * too in Chromium (made up), but no `groupId`: that belongs to physical devices alone.
 *
 * @example
 * ```ts
 * deviceOf(stream.getVideoTracks()[0]); // the camera's deviceId, or undefined for a synthetic picture
 * ```
 */
export function deviceOf(track: MediaStreamTrack | undefined): string | undefined {
  const settings = track?.getSettings();
  return settings?.groupId ? settings.deviceId || undefined : undefined;
}

/**
 * The camera and microphone `stream`'s tracks come from.
 *
 * @example
 * ```ts
 * devicesInUse(stream); // → { camera: '…', microphone: 'default' }
 * ```
 */
export function devicesInUse(stream: MediaStream): DeviceChoice {
  const camera = deviceOf(stream.getVideoTracks()[0]);
  const microphone = deviceOf(stream.getAudioTracks()[0]);
  return { ...(camera ? { camera } : {}), ...(microphone ? { microphone } : {}) };
}
