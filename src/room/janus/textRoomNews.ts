/**
 * What the TextRoom plugin sends on its data channel: JSON frames `{ textroom: <kind>, … }`,
 * carrying other members' words — capped before `JSON.parse` and schema-checked before read.
 */
import * as v from 'valibot';
import { RoomError } from '../RoomError.ts';

/**
 * Longest room message's text, in UTF-16 code units: JSON of at most 16 KiB characters. Chat
 * and small state fit; files do not travel through a media server's text room.
 */
export const MAX_JANUS_MESSAGE_LENGTH = 16_384;
/** A frame is the message plus Janus's envelope (room, from, date): a little more. */
const MAX_FRAME_LENGTH = MAX_JANUS_MESSAGE_LENGTH + 1_024;
const MAX_USERNAME_LENGTH = 32;

const username = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_USERNAME_LENGTH));
const transaction = v.pipe(v.string(), v.maxLength(64));

const frame = v.variant('textroom', [
  v.object({ textroom: v.literal('success'), transaction }),
  v.object({
    textroom: v.literal('error'),
    transaction: v.optional(transaction),
    error_code: v.pipe(v.number(), v.integer()),
    error: v.optional(v.pipe(v.string(), v.maxLength(1_024)), ''),
  }),
  v.object({
    textroom: v.literal('message'),
    from: username,
    text: v.pipe(v.string(), v.maxLength(MAX_JANUS_MESSAGE_LENGTH)),
    whisper: v.optional(v.boolean(), false),
  }),
  v.object({ textroom: v.literal('join'), username }),
  v.object({ textroom: v.literal('leave'), username }),
  v.object({ textroom: v.picklist(['kicked', 'destroyed']) }),
]);

export type TextRoomNews = v.InferOutput<typeof frame>;

/**
 * Reads one TextRoom frame. Never throws: a frame that is too long, not JSON or not a TextRoom
 * frame of a kind read here is a RoomError (`message-too-large`, `malformed-message`,
 * `unknown-message`).
 *
 * @example
 * ```ts
 * const news = readTextRoomNews('{"textroom":"message","from":"42","text":"{\\"hi\\":1}"}');
 * if (!(news instanceof RoomError) && news.textroom === 'message') console.log(news.from, news.text);
 * ```
 */
export function readTextRoomNews(text: unknown): TextRoomNews | RoomError {
  if (typeof text !== 'string') return new RoomError('malformed-message', 'the Janus TextRoom sent a frame that is not text');
  if (text.length > MAX_FRAME_LENGTH) {
    return new RoomError('message-too-large', `the Janus TextRoom sent a frame of ${text.length} characters (at most ${MAX_FRAME_LENGTH})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return new RoomError('malformed-message', 'the Janus TextRoom sent a frame that is not JSON', { cause });
  }
  const parsed = v.safeParse(frame, value);
  if (parsed.success) return parsed.output;
  const kind = typeof value === 'object' && value !== null && 'textroom' in value ? String(value.textroom).slice(0, 32) : undefined;
  const known = ['success', 'error', 'message', 'join', 'leave', 'kicked', 'destroyed'];
  return kind !== undefined && !known.includes(kind)
    ? new RoomError('unknown-message', `the Janus TextRoom sent a frame of kind "${kind}"`)
    : new RoomError('malformed-message', `the Janus TextRoom sent an invalid frame: ${parsed.issues[0].message}`);
}
