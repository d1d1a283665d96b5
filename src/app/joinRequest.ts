/**
 * What a person asks for when they join: which room, under what name, sharing what. It comes
 * from the join form or from the page's link (`/?room=NAME&name=NAME&media=synthetic`).
 */
import { MAX_NAME_LENGTH, MAX_ROOM_ID_LENGTH } from '../room/protocol.ts';

/** What a member shares: its camera and microphone, a synthetic test picture and tone, or nothing. */
export type MediaChoice = 'camera' | 'synthetic' | 'none';

export const MEDIA_CHOICES: readonly MediaChoice[] = ['camera', 'synthetic', 'none'];

export interface JoinRequest {
  readonly room: string;
  readonly name: string;
  readonly media: MediaChoice;
  /** Never part of a link: a link is shared, a passphrase is not. */
  readonly passphrase?: string;
}

/**
 * The request a link makes, or `null` when it names no room or no name (then the join screen
 * shows, with the room filled in: a shared link carries only the room). A missing or unknown
 * `media` means the camera.
 *
 * @example
 * ```ts
 * joinRequestFromSearch('?room=jam&name=Ada&media=synthetic');
 * // → { room: 'jam', name: 'Ada', media: 'synthetic' }
 * ```
 */
export function joinRequestFromSearch(search: string): JoinRequest | null {
  const params = new URLSearchParams(search);
  const room = params.get('room')?.trim().slice(0, MAX_ROOM_ID_LENGTH) ?? '';
  const name = params.get('name')?.trim().slice(0, MAX_NAME_LENGTH) ?? '';
  if (room === '' || name === '') return null;
  const asked = params.get('media');
  const media = MEDIA_CHOICES.find((choice) => choice === asked) ?? 'camera';
  return { room, name, media };
}

/**
 * The link that brings someone else into `room` (their own name and media they choose there).
 *
 * @example
 * ```ts
 * roomLink('https://hub.local:8443/', 'jam session'); // → 'https://hub.local:8443/?room=jam+session'
 * ```
 */
export function roomLink(pageUrl: string, room: string): string {
  const url = new URL(pageUrl);
  url.search = new URLSearchParams({ room }).toString();
  url.hash = '';
  return url.toString();
}
