/**
 * What the VideoRoom plugin tells a member (`plugindata.data`), read into the few kinds of news
 * a room acts on. Janus relays other members' words here (their `display`), so this is read as
 * untrusted: schema-checked, lists capped, a name that is no name dropped rather than shown.
 */
import * as v from 'valibot';
import { MAX_NAME_LENGTH } from '../protocol.ts';
import { RoomError } from '../RoomError.ts';
import { readLayersDescription } from './simulcastLayers.ts';

/** More participants than any room holds: a longer list is refused, not read. */
const MAX_LISTED = 256;
const MAX_MID_LENGTH = 16;

/** Member IDs are this side's own choice (`join { id }`): positive safe integers. */
const feedId = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const MAX_STREAMS = 8;
const published = v.object({ type: v.string(), description: v.optional(v.unknown()) });
const participant = v.object({
  id: feedId,
  display: v.optional(v.unknown()),
  streams: v.optional(v.pipe(v.array(published), v.maxLength(MAX_STREAMS)), []),
});
const participants = v.pipe(v.array(participant), v.maxLength(MAX_LISTED));

const joined = v.object({
  videoroom: v.literal('joined'),
  id: feedId,
  private_id: v.optional(v.pipe(v.number(), v.safeInteger())),
  publishers: v.optional(participants, []),
  attendees: v.optional(participants, []),
});
const event = v.object({
  videoroom: v.literal('event'),
  publishers: v.optional(participants),
  joining: v.optional(participant),
  // `leaving: "ok"` answers this member's own leave; a number is another member going.
  leaving: v.optional(v.union([feedId, v.string()])),
  unpublished: v.optional(v.union([feedId, v.string()])),
  kicked: v.optional(feedId),
});
const stream = v.object({
  mid: v.pipe(v.string(), v.maxLength(MAX_MID_LENGTH)),
  type: v.string(),
  feed_id: v.optional(feedId),
  active: v.optional(v.boolean()),
});
const streams = v.object({
  videoroom: v.picklist(['attached', 'updated']),
  streams: v.optional(v.pipe(v.array(stream), v.maxLength(MAX_LISTED * 3)), []),
});
const destroyed = v.object({ videoroom: v.literal('destroyed') });
const news = v.variant('videoroom', [joined, event, streams, destroyed]);

/** A member as the VideoRoom lists it. */
export interface Participant {
  readonly id: number;
  readonly name: string | undefined;
  /** How many simulcast layers its video sends, as its video line's description says (1 without). */
  readonly layers: number;
}

/** A subscription's m-line and the member whose media it carries (none: the data line, or a line whose feed left). */
export interface SubscribedStream {
  readonly mid: string;
  readonly kind: string;
  readonly feed: number | undefined;
}

export type VideoRoomNews =
  /** This member joined: the members there already, whether they publish or not. */
  | {
      readonly kind: 'joined';
      readonly id: number;
      readonly privateId: number | undefined;
      readonly members: readonly Participant[];
      readonly publishing: readonly Participant[];
    }
  /** Members now publishing (`publishers`), or a member joining without (`joining`). */
  | { readonly kind: 'arrived'; readonly members: readonly Participant[]; readonly publishing: boolean }
  /** A member left the room (`leaving`, `kicked`). */
  | { readonly kind: 'left'; readonly id: number }
  /** A member stopped publishing but may still be there. */
  | { readonly kind: 'unpublished'; readonly id: number }
  /** What a subscription carries now (`attached`, `updated`). */
  | { readonly kind: 'streams'; readonly streams: readonly SubscribedStream[] }
  /** The room was destroyed under the member. */
  | { readonly kind: 'destroyed' }
  /** Nothing a room acts on (an answer to its own request, `configured`, `talking`…). */
  | { readonly kind: 'other' };

/**
 * Reads one VideoRoom answer or event. Never throws: a kind a room does not act on is
 * `other`; a known kind of the wrong shape is a `malformed-message` RoomError.
 *
 * @example
 * ```ts
 * const news = readVideoRoomNews({ videoroom: 'event', leaving: 42 });
 * if (!(news instanceof RoomError) && news.kind === 'left') console.log(news.id); // 42
 * ```
 */
export function readVideoRoomNews(data: Readonly<Record<string, unknown>>): VideoRoomNews | RoomError {
  if (!['joined', 'event', 'attached', 'updated', 'destroyed'].includes(String(data.videoroom))) return { kind: 'other' };
  const parsed = v.safeParse(news, data);
  if (!parsed.success) {
    return new RoomError(
      'malformed-message',
      `the Janus VideoRoom sent an invalid "${String(data.videoroom)}": ${parsed.issues[0].message}`,
    );
  }
  const read = parsed.output;
  switch (read.videoroom) {
    case 'joined':
      return {
        kind: 'joined',
        id: read.id,
        privateId: read.private_id,
        members: [...read.publishers, ...read.attendees].map(named),
        publishing: read.publishers.map(named),
      };
    case 'attached':
    case 'updated':
      return {
        kind: 'streams',
        streams: read.streams.map((line) => ({ mid: line.mid, kind: line.type, feed: line.active === false ? undefined : line.feed_id })),
      };
    case 'destroyed':
      return { kind: 'destroyed' };
    case 'event':
      return eventNews(read);
  }
}

function eventNews(read: v.InferOutput<typeof event>): VideoRoomNews {
  if (read.publishers) return { kind: 'arrived', members: read.publishers.map(named), publishing: true };
  if (read.joining) return { kind: 'arrived', members: [named(read.joining)], publishing: false };
  const gone = typeof read.leaving === 'number' ? read.leaving : read.kicked;
  if (gone !== undefined) return { kind: 'left', id: gone };
  if (typeof read.unpublished === 'number') return { kind: 'unpublished', id: read.unpublished };
  return { kind: 'other' };
}

/** A display that is no short string is not shown: the member goes by its ID. */
function named(entry: v.InferOutput<typeof participant>): Participant {
  const { display } = entry;
  const video = entry.streams.find((line) => line.type === 'video');
  return {
    id: entry.id,
    name: typeof display === 'string' && display.length <= MAX_NAME_LENGTH && display !== '' ? display : undefined,
    layers: readLayersDescription(video?.description),
  };
}
