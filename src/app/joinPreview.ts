/**
 * The join screen's preview: what the others will see and hear before joining. The camera's
 * picture, a microphone level meter and the camera and microphone pickers; a synthetic
 * picture for the synthetic choice; nothing for "Nothing". A refused camera is said in words,
 * and joining stays possible.
 */
import {
  catchError,
  combineLatest,
  defer,
  EMPTY,
  filter,
  ignoreElements,
  map,
  merge,
  Observable,
  of,
  Subscription,
  switchMap,
  tap,
} from 'rxjs';
import { analyse } from '../audio/analyse.ts';
import { audioPlayback } from '../audio/audioPlayback.ts';
import { levelMeter } from '../audio/levelMeter.ts';
import { startAudioOnGesture } from '../audio/startAudioOnGesture.ts';
import { devicePicker, devicesInUse as inUse, type DevicePickerOptions } from './devicePicker.ts';
import { element } from './dom.ts';
import { humanMessage } from './humanMessage.ts';
import type { DeviceChoice, MediaChoice } from './joinRequest.ts';
import './joinPreview.css';
import { type LocalMedia, localMedia } from './localMedia.ts';
import { type MediaLease, mediaLease } from './mediaLease.ts';

export const PREVIEW_LABEL = 'Preview';
export const METER_LABEL = 'Microphone level';
/** Shown by the meter while Web Audio waits for a gesture: a flat meter would say "silent". */
export const METER_WAITS_FOR_SOUND = 'The level shows once sound is on: click or press a key.';

export interface JoinPreview {
  readonly element: HTMLElement;
  /** Runs the preview while subscribed (media, meter, pickers); never emits. */
  readonly run$: Observable<never>;
  /** The devices chosen now. */
  devices(): DeviceChoice;
  /**
   * Takes the camera and microphone the preview holds, for the room: from then on the preview
   * no longer stops them, the lease's holder does. `undefined` when there is nothing to hand
   * over (another choice than the camera, or the camera not there yet): the session asks anew.
   */
  handOver(): MediaLease | undefined;
}

export interface JoinPreviewOptions extends Pick<DevicePickerOptions, 'devices$'> {
  /** The media choice, now and at each change. */
  readonly media$: Observable<MediaChoice>;
  /** The name, drawn on the synthetic picture. */
  readonly name: () => string;
  /** The devices to start from (the last ones chosen). */
  readonly initial?: DeviceChoice;
  /** Acquires media; default `localMedia`, with the devices picked `exact`. */
  readonly acquire?: (choice: MediaChoice, name: string, devices: DeviceChoice) => Observable<LocalMedia>;
  /** Whether sound runs; default `audioPlayback()`. */
  readonly playback$?: Observable<boolean>;
  /** Starts sound on a gesture; default `startAudioOnGesture()`. */
  readonly start$?: Observable<void>;
}

/** What the preview holds now: the media of one choice, and what stops it. */
interface Held {
  readonly choice: MediaChoice;
  readonly local: LocalMedia;
  readonly acquired: Subscription;
  taken: boolean;
}

/**
 * Builds the preview; nothing is asked of the browser until `run$` is subscribed.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * const preview = joinPreview({ media$: of('camera'), name: () => 'Ada' });
 * declare const form: HTMLFormElement;
 * form.append(preview.element);
 * const running = preview.run$.subscribe();
 * // on Join: the room gets the camera, the preview lets go of it
 * const lease = preview.handOver();
 * running.unsubscribe();
 * ```
 */
export function joinPreview(options: JoinPreviewOptions): JoinPreview {
  const acquire = options.acquire ?? ((choice, name, devices) => localMedia(choice, name, devices, { match: 'exact' }));
  const picker = devicePicker(options.initial, options);
  const video = element('video', { class: 'join-preview-video', 'aria-label': 'Camera preview', muted: '', playsinline: '' });
  video.muted = true;
  const meterBox = element('div', { class: 'join-preview-meter' });
  const status = element('p', { class: 'join-preview-status', role: 'status' });
  const view = element(
    'section',
    { class: 'join-preview', 'aria-label': PREVIEW_LABEL },
    video,
    element('div', { class: 'join-preview-meter-row' }, meterBox),
    status,
    picker.element,
  );
  let held: Held | undefined;
  let chosen: DeviceChoice = options.initial ?? {};

  const say = (text: string) => {
    status.textContent = text;
    status.hidden = text === '';
  };

  /** One choice's media, released when the next choice comes or the preview ends, unless handed over. */
  const hold = (choice: MediaChoice, devices: DeviceChoice): Observable<LocalMedia> =>
    new Observable<LocalMedia>((subscriber) => {
      const acquired = new Subscription();
      let mine: Held | undefined;
      acquired.add(
        acquire(choice, options.name(), devices).subscribe({
          next: (local) => {
            mine = { choice, local, acquired, taken: false };
            held = mine;
            subscriber.next(local);
          },
          error: (problem: unknown) => subscriber.next({ stream: null, problem }),
        }),
      );
      return () => {
        if (held === mine) held = undefined;
        if (!mine?.taken) acquired.unsubscribe();
      };
    });

  const local$ = combineLatest([options.media$, picker.choice$]).pipe(
    tap(([choice, devices]) => {
      chosen = devices;
      picker.element.hidden = choice !== 'camera';
      // A camera is shown as a mirror; the synthetic picture has words, which a mirror reverses.
      video.classList.toggle('mirrored', choice === 'camera');
    }),
    // Only the camera choice has devices to pick.
    map(([choice, devices]): [MediaChoice, DeviceChoice] => [choice, choice === 'camera' ? devices : {}]),
    // Granting permission names the devices: the pickers then show the very devices in use,
    // which must not restart the camera.
    filter(([choice, devices]) => !(held && held.choice === choice && (choice !== 'camera' || uses(held.local.stream, devices)))),
    switchMap(([choice, devices]) => hold(choice, devices)),
    tap((local) => {
      video.srcObject = local.stream?.getVideoTracks().length ? local.stream : null;
      video.hidden = video.srcObject === null;
      if (video.srcObject) void video.play().catch(() => undefined);
      if (local.stream) picker.show(inUse(local.stream));
      say(local.problem === undefined ? '' : previewProblem(local.problem));
    }),
  );

  const playback$ = options.playback$ ?? audioPlayback();
  const meter$ = local$.pipe(
    // One pipeline: a synthetic stream arrives synchronously, before a second subscriber would.
    switchMap((local) => {
      const stream = local.stream;
      meterBox.hidden = !stream?.getAudioTracks().length;
      if (!stream || meterBox.hidden) return EMPTY;
      return merge(
        of(stream).pipe(
          analyse({ rate: 30 }),
          levelMeter({ label: METER_LABEL }),
          tap((meter) => meterBox.replaceChildren(meter)),
        ),
        playback$.pipe(
          tap((running) => {
            meterBox.dataset.sound = running ? 'on' : 'off';
            const waiting = meterBox.querySelector('.join-preview-waiting');
            if (running) waiting?.remove();
            else if (!waiting) meterBox.append(element('p', { class: 'join-preview-waiting' }, METER_WAITS_FOR_SOUND));
          }),
        ),
      );
    }),
  );
  // The meter hears nothing until Web Audio runs: the first click on this screen starts it.
  const start$ = (options.start$ ?? defer(() => startAudioOnGesture())).pipe(
    catchError((error: unknown) => {
      meterBox.querySelector('.join-preview-waiting')?.replaceChildren(humanMessage(error));
      return EMPTY;
    }),
  );

  const run$ = merge(meter$, start$).pipe(ignoreElements());
  return {
    element: view,
    run$,
    devices: () => chosen,
    handOver() {
      if (held?.choice !== 'camera' || !held.local.stream) return undefined;
      held.taken = true;
      return mediaLease(held.local, held.acquired);
    },
  };
}

/** Whether `stream` comes from the devices `wanted` names (an unnamed device: any). */
function uses(stream: MediaStream | null, wanted: DeviceChoice): boolean {
  if (!stream) return false;
  const now = inUse(stream);
  return (
    (wanted.camera === undefined || wanted.camera === now.camera) &&
    (wanted.microphone === undefined || wanted.microphone === now.microphone)
  );
}

/** The session's words for a refused camera speak of the past ("you joined"); here joining is still to come. */
const JOINED_WITHOUT = ' You joined without media.';
function previewProblem(problem: unknown): string {
  const text = humanMessage(problem);
  return text.endsWith(JOINED_WITHOUT)
    ? `${text.slice(0, -JOINED_WITHOUT.length)} You can still join: the others will not see or hear you.`
    : text;
}
