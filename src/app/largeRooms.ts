/**
 * Large rooms in the hub: where a room meets — among its members (the mesh), or on one of the
 * media servers (Janus) the hub's configuration lists — and what the hub says about it.
 *
 * A mesh room and a large room of the same name are two rooms: a room cannot move from the
 * mesh to a media server while people are in it, since nobody in it could tell everyone else
 * to follow at once. So a large room is one from the start, and its link says so (`large=1`).
 */
import type { ClientConfig } from '../rtc/clientConfig.ts';
import { DEFAULT_MAX_MEMBERS, type JoinOptions } from '../room/JoinOptions.ts';
import { DEFAULT_JANUS_MAX_MEMBERS } from '../room/janus/JanusRoom.ts';
import { janusServerFor } from '../room/janus/janusServerFor.ts';
import { janusTransport } from '../room/janus/janusTransport.ts';
import { janusUrlFor, type PageLocation } from '../room/janus/janusUrlFor.ts';
import type { RoomError } from '../room/RoomError.ts';
import { humanMessage } from './humanMessage.ts';
import type { RoomChoice } from './joinRequest.ts';

/** The join screen's choice of a large room. */
export const LARGE_ROOM_LABEL = `Large room (up to ${DEFAULT_JANUS_MAX_MEMBERS} people, through the media server)`;
/** Why one would choose it: what the choice changes, in a sentence. */
export const LARGE_ROOM_HINT =
  `A room holds ${DEFAULT_MAX_MEMBERS} people, and every member sends their picture and sound to every other. ` +
  'In a large room each member sends once, to the server, which passes it on.';
/** What a large room's header says, so that nobody wonders why it holds more. */
export const LARGE_ROOM_BADGE = 'Large room · through the media server';
/** Said on the join screen when a large room's link is opened where no media server is. */
export const LARGE_ROOM_UNAVAILABLE =
  'This link is for a large room, but this server has no media server for large rooms, so you have not joined. ' +
  `Join below to meet in an ordinary room of that name instead (up to ${DEFAULT_MAX_MEMBERS} people, and not the large room), ` +
  'or ask whoever runs this server to set up Janus.';
/** Added to a full mesh room's refusal when this server has a media server. */
export const LARGE_ROOM_ADVICE =
  `For more than ${DEFAULT_MAX_MEMBERS} people, start a large room: tick “Large room”, join, and share its link ` +
  '(this room cannot become one while people are in it).';

/** Where a room meets: its join options on a media server, or why it cannot meet there. */
export type RoomPlace =
  | { readonly kind: 'mesh' }
  | { readonly kind: 'large'; readonly url: string; readonly join: Pick<JoinOptions, 'transport' | 'iceServers'> }
  | { readonly kind: 'unavailable' };

/**
 * Whether the server that sent `config` offers large rooms (lists a Janus server).
 *
 * @example
 * ```ts
 * offersLargeRooms({ iceServers: [], janus: ['/janus/0'] }); // → true
 * ```
 */
export function offersLargeRooms(config: ClientConfig): boolean {
  return (config.janus?.length ?? 0) > 0;
}

/**
 * Where `choice`'s room meets: a mesh room on the mesh; a large room on the Janus server the
 * room's name maps to (every member's page picks the same one), with the server's ICE servers;
 * or nowhere, when `config` lists no Janus server that makes a WebSocket URL here.
 *
 * @example
 * ```ts
 * const place = roomPlace({ room: 'class', large: true }, { iceServers: [], janus: ['/janus/0'] }, location);
 * if (place.kind === 'large') joinRoom('class', { name: 'Ada', ...place.join });
 * ```
 */
export function roomPlace(choice: RoomChoice, config: ClientConfig, location: PageLocation): RoomPlace {
  if (!choice.large) return { kind: 'mesh' };
  if (!offersLargeRooms(config)) return { kind: 'unavailable' };
  let url: string;
  try {
    url = janusUrlFor(janusServerFor(choice.room, config.janus ?? []), location);
  } catch {
    // The list came from the server, not from this page: an entry that makes no URL here
    // (a typo, a `file:` page) is a server that cannot be reached, not a bug to crash on.
    return { kind: 'unavailable' };
  }
  // The transport's own room size (DEFAULT_JANUS_MAX_MEMBERS) holds: no maxMembers here.
  return { kind: 'large', url, join: { transport: janusTransport({ url }), iceServers: config.iceServers } };
}

/**
 * What to say when a room turned `error` away: {@link humanMessage}'s sentence, and for a full
 * mesh room on a server with a media server, how to meet with more people.
 *
 * @example
 * ```ts
 * import { RoomError } from '../room/RoomError.ts';
 * refusalText(new RoomError('room-full', 'full'), { large: false, largeRoomsOffered: true });
 * // → 'This room is full. … For more than 8 people, start a large room: …'
 * ```
 */
export function refusalText(error: RoomError, room: { readonly large?: boolean; readonly largeRoomsOffered: boolean }): string {
  const said = humanMessage(error);
  return error.reason === 'room-full' && !room.large && room.largeRoomsOffered ? `${said} ${LARGE_ROOM_ADVICE}` : said;
}
