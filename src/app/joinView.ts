/**
 * The join screen: room, name, what to share (with a preview of it and the device pickers)
 * and an optional passphrase; and, where the server offers large rooms, whether the room is one.
 */
import { defer, fromEvent, map, merge, type Observable, startWith, switchMap } from 'rxjs';
import { afterNextPaint } from './afterNextPaint.ts';
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from '../room/protocol.ts';
import { element } from './dom.ts';
import type { JoinRequest, MediaChoice } from './joinRequest.ts';
import { joinPreview, type JoinPreviewOptions } from './joinPreview.ts';
import { LARGE_ROOM_HINT, LARGE_ROOM_LABEL } from './largeRooms.ts';
import type { MediaLease } from './mediaLease.ts';

export interface JoinView {
  readonly element: HTMLElement;
  /** Each submitted form, as a request; while subscribed, the preview runs. */
  readonly requests$: Observable<JoinRequest>;
  /**
   * Takes the previewed camera and microphone for the room (see `JoinPreview.handOver`): call
   * it on a request, before unsubscribing `requests$`. `undefined`: nothing to hand over.
   */
  handOver(): MediaLease | undefined;
}

export interface JoinViewOptions extends Pick<JoinPreviewOptions, 'acquire' | 'devices$' | 'playback$' | 'start$'> {
  /** Offer the choice of a large room (the server has a media server); default: no such choice. */
  readonly largeRooms?: boolean;
}

/** One join form shows at a time, so one ID serves. */
const LARGE_HINT_ID = 'large-room-hint';

const MEDIA_LABELS: Record<MediaChoice, string> = {
  camera: 'Camera and microphone',
  synthetic: 'Synthetic test picture and tone',
  none: 'Nothing (watch and listen)',
};

/**
 * Builds the join form, filled in from `initial` (the last request, after a failed join; or
 * what a shared link says of its room).
 *
 * @example
 * ```ts
 * const view = joinView({ room: 'class', large: true }, { largeRooms: true });
 * container.append(view.element);
 * view.requests$.subscribe((request) => console.log(`${request.name} joins ${request.room}`));
 * ```
 */
export function joinView(initial: Partial<JoinRequest> = {}, options: JoinViewOptions = {}): JoinView {
  const room = element('input', { name: 'room', required: '', maxlength: String(MAX_ROOM_ID_LENGTH), autocomplete: 'off' });
  room.value = initial.room ?? '';
  const name = element('input', { name: 'name', required: '', maxlength: String(MAX_NAME_LENGTH), autocomplete: 'nickname' });
  name.value = initial.name ?? '';
  const passphrase = element('input', { name: 'passphrase', type: 'password', autocomplete: 'off' });
  const choices = (Object.keys(MEDIA_LABELS) as MediaChoice[]).map((choice) => {
    const radio = element('input', { type: 'radio', name: 'media', value: choice });
    radio.checked = choice === (initial.media ?? 'camera');
    return element('label', {}, radio, ' ', MEDIA_LABELS[choice]);
  });
  const chosenMedia = () =>
    (choices.map((label) => label.querySelector('input')).find((radio) => radio?.checked)?.value ?? 'camera') as MediaChoice;
  const preview = joinPreview({
    ...options,
    media$: fromEvent(choices, 'change').pipe(startWith(null), map(chosenMedia)),
    name: () => name.value.trim(),
    initial: { ...(initial.camera ? { camera: initial.camera } : {}), ...(initial.microphone ? { microphone: initial.microphone } : {}) },
  });
  const large = element('input', { type: 'checkbox', name: 'large', 'aria-describedby': LARGE_HINT_ID });
  large.checked = initial.large === true;
  const largeChoice = options.largeRooms
    ? element(
        'div',
        { class: 'large-room' },
        element('label', {}, large, ' ', LARGE_ROOM_LABEL),
        element('small', { id: LARGE_HINT_ID }, LARGE_ROOM_HINT),
      )
    : null;
  const form = element(
    'form',
    { class: 'join', 'aria-label': 'Join a room' },
    element('label', {}, 'Room', room),
    largeChoice,
    element('label', {}, 'Your name', name),
    element('fieldset', {}, element('legend', {}, 'Share'), ...choices),
    preview.element,
    element('label', {}, 'Passphrase (optional)', passphrase),
    element('button', { type: 'submit' }, 'Join'),
  );
  const submits$ = fromEvent<SubmitEvent>(form, 'submit').pipe(
    map((event): JoinRequest => {
      event.preventDefault();
      const data = new FormData(form);
      const media = (data.get('media') as MediaChoice | null) ?? 'camera';
      const secret = passphrase.value;
      return {
        room: room.value.trim(),
        name: name.value.trim(),
        media,
        ...(largeChoice && large.checked ? { large: true } : {}),
        ...(secret ? { passphrase: secret } : {}),
        ...preview.devices(),
      };
    }),
  );
  // The form first: the preview asks for the camera and builds its meter once the form shows.
  const requests$ = defer(() => merge(afterNextPaint().pipe(switchMap(() => preview.run$)), submits$));
  const view = element('section', { class: 'join-screen' }, element('h2', {}, 'Join a room'), form);
  return { element: view, requests$, handOver: () => preview.handOver() };
}
