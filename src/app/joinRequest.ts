/**
 * What a person asks for when they join: which room, under what name, sharing what, and
 * whether it is a large room. It comes from the join form or from the page's link
 * (`/?room=NAME&name=NAME&media=synthetic&large=1`).
 */
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from '../room/protocol.ts';

/** What a member shares: its camera and microphone, a synthetic test picture and tone, or nothing. */
export type MediaChoice = 'camera' | 'synthetic' | 'none';

export const MEDIA_CHOICES: readonly MediaChoice[] = ['camera', 'synthetic', 'none'];

/**
 * The link parameter of a large room, and its one value: `large=1`. A large room and a mesh
 * room of the same name are two rooms, so a link must say which it means.
 */
const LARGE_PARAM = 'large';
const LARGE_VALUE = '1';

export interface JoinRequest {
  readonly room: string;
  readonly name: string;
  readonly media: MediaChoice;
  /** A large room, on the hub's media server (Janus), rather than a mesh room; absent: a mesh room. */
  readonly large?: boolean;
  /** Never part of a link: a link is shared, a passphrase is not. */
  readonly passphrase?: string;
  /** The camera's `deviceId` (media `'camera'`); absent: the browser's default. Never part of a link: IDs are this browser's. */
  readonly camera?: string;
  /** The microphone's `deviceId`, as {@link JoinRequest.camera}. */
  readonly microphone?: string;
}

/** The devices a request names, as `localMedia` takes them. */
export type DeviceChoice = Pick<JoinRequest, 'camera' | 'microphone'>;

/** What a link says of its room alone: what a shared link carries, and the join screen starts from. */
export type RoomChoice = Pick<JoinRequest, 'room' | 'large'>;

/**
 * The room a link names (empty when none) and whether it is a large room; the join screen
 * starts from it when the link makes no whole request.
 *
 * @example
 * ```ts
 * roomChoiceFromSearch('?room=workshop&large=1'); // → { room: 'workshop', large: true }
 * ```
 */
export function roomChoiceFromSearch(search: string): RoomChoice {
  const params = new URLSearchParams(search);
  const room = params.get('room')?.trim().slice(0, MAX_ROOM_ID_LENGTH) ?? '';
  return { room, ...(params.get(LARGE_PARAM) === LARGE_VALUE ? { large: true } : {}) };
}

/**
 * The request a link makes, or `null` when it names no room or no name (then the join screen
 * shows, with the room filled in: a shared link carries only the room). A missing or unknown
 * `media` means the camera; `large=1` means a large room, anything else a mesh room.
 *
 * @example
 * ```ts
 * joinRequestFromSearch('?room=jam&name=Ada&media=synthetic');
 * // → { room: 'jam', name: 'Ada', media: 'synthetic' }
 * ```
 */
export function joinRequestFromSearch(search: string): JoinRequest | null {
  const params = new URLSearchParams(search);
  const choice = roomChoiceFromSearch(search);
  const name = params.get('name')?.trim().slice(0, MAX_NAME_LENGTH) ?? '';
  if (choice.room === '' || name === '') return null;
  const asked = params.get('media');
  const media = MEDIA_CHOICES.find((option) => option === asked) ?? 'camera';
  return { room: choice.room, name, media, ...(choice.large ? { large: true } : {}) };
}

/**
 * The query string that makes `request` again (see {@link joinRequestFromSearch}), without its
 * passphrase: the page's own address while in the room, so that a reload rejoins it.
 *
 * @example
 * ```ts
 * joinRequestSearch({ room: 'jam', name: 'Ada', media: 'none', large: true }); // → '?room=jam&name=Ada&media=none&large=1'
 * ```
 */
export function joinRequestSearch({ room, name, media, large }: JoinRequest): string {
  return `?${new URLSearchParams({ room, name, media, ...largeParam(large) })}`;
}

/**
 * The link that brings someone else into `room` (their own name and media they choose
 * there); `options.large` for a large room.
 *
 * @example
 * ```ts
 * roomLink('https://hub.local:8443/', 'jam session'); // → 'https://hub.local:8443/?room=jam+session'
 * roomLink('https://hub.local:8443/', 'class', { large: true }); // → 'https://hub.local:8443/?room=class&large=1'
 * ```
 */
export function roomLink(pageUrl: string, room: string, options: { readonly large?: boolean } = {}): string {
  const url = new URL(pageUrl);
  url.search = roomChoiceSearch({ room, ...options });
  url.hash = '';
  return url.toString();
}

/**
 * The query string of a link to `choice`'s room alone (see {@link roomChoiceFromSearch}): the
 * page's own address once it is back on the join screen.
 *
 * @example
 * ```ts
 * roomChoiceSearch({ room: 'class', large: true }); // → '?room=class&large=1'
 * ```
 */
export function roomChoiceSearch({ room, large }: RoomChoice): string {
  return `?${new URLSearchParams({ room, ...largeParam(large) })}`;
}

function largeParam(large: boolean | undefined): Record<string, string> {
  return large ? { [LARGE_PARAM]: LARGE_VALUE } : {};
}
