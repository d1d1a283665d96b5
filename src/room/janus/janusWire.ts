/**
 * What the janus transport reads from a Janus server: one WebSocket text frame is one JSON
 * message `{ janus: <kind>, … }`, validated with valibot before anything reads it. The frame's
 * size is checked before `JSON.parse`, so an endless frame costs no parse. Decoding never
 * throws: whatever arrives is a {@link JanusMessage} or a {@link RoomError}.
 *
 * Only the core's envelope is checked here. A plugin's own answer (`plugindata.data`) stays a
 * record of unknown values, for the plugin's reader to validate.
 */
import * as v from 'valibot';
import { RoomError } from '../RoomError.ts';

/**
 * The longest frame read, in UTF-16 code units (`string.length`, what a text frame arrives
 * as). The largest a room needs is a multistream offer: each member adds about 1 KB of SDP
 * per track, so even a room of dozens stays well below it.
 */
export const MAX_JANUS_FRAME_LENGTH = 262_144;
/** Transactions are this side's own (about 24 characters): an echoed one that is longer is no answer. */
const MAX_TRANSACTION_LENGTH = 64;
const MAX_TEXT = 1024;
/** Kinds are short words (`success`, `webrtcup`): a longer one is not echoed into an error message. */
const MAX_KIND_LENGTH = 32;

/** Session and handle IDs: Janus's random integers, JSON-safe. */
const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const transaction = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TRANSACTION_LENGTH));
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT));

const pluginData = v.object({
  plugin: text,
  // A plugin's answer is always an object (valibot's record would take an array too); its reader validates the rest.
  data: v.custom<Readonly<Record<string, unknown>>>(isObject, 'plugindata.data must be an object'),
});
const jsep = v.object({
  type: v.picklist(['offer', 'answer']),
  sdp: v.pipe(v.string(), v.maxLength(MAX_JANUS_FRAME_LENGTH)),
});

/** A synchronous answer: a session's or handle's `data.id`, or a plugin's synchronous reply. */
const success = v.object({
  janus: v.literal('success'),
  transaction,
  session_id: v.optional(id),
  sender: v.optional(id),
  data: v.optional(v.object({ id })),
  plugindata: v.optional(pluginData),
});
/** The core's refusal (458: no such session, …); a plugin's refusal is `error_code` in `plugindata.data`. */
const error = v.object({
  janus: v.literal('error'),
  transaction: v.optional(transaction),
  session_id: v.optional(id),
  error: v.object({ code: v.pipe(v.number(), v.integer()), reason: text }),
});
/** "Received": the whole answer to a keepalive or trickle; for a plugin message, an `event` follows. */
const ack = v.object({
  janus: v.literal('ack'),
  transaction,
  session_id: v.optional(id),
  hint: v.optional(text),
});
/** A plugin speaking: the answer to an asynchronous request (with its transaction), or unsolicited (without). */
const event = v.object({
  janus: v.literal('event'),
  transaction: v.optional(transaction),
  session_id: v.optional(id),
  sender: id,
  plugindata: pluginData,
  jsep: v.optional(jsep),
});
/** The handle's PeerConnection is up (ICE and DTLS done). */
const webrtcup = v.object({ janus: v.literal('webrtcup'), session_id: v.optional(id), sender: id });
/** The handle's PeerConnection is gone (`reason`: "DTLS alert", "ICE failed", "Close PC"…). */
const hangup = v.object({ janus: v.literal('hangup'), session_id: v.optional(id), sender: id, reason: v.optional(text) });
/** Janus starts or stops receiving a kind of media on the handle. */
const media = v.object({
  janus: v.literal('media'),
  session_id: v.optional(id),
  sender: id,
  type: v.picklist(['audio', 'video']),
  receiving: v.boolean(),
  mid: v.optional(text),
});
/** Packets are being lost on the handle's link, one way (`uplink` as Janus sees it). */
const slowlink = v.object({
  janus: v.literal('slowlink'),
  session_id: v.optional(id),
  sender: id,
  uplink: v.boolean(),
  media: v.optional(v.picklist(['audio', 'video'])),
  mid: v.optional(text),
  lost: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
/** The handle is detached from its plugin (by request, or the plugin went). */
const detached = v.object({ janus: v.literal('detached'), session_id: v.optional(id), sender: id });
/** The session expired: no keepalive reached Janus within its `session_timeout`. */
const timeout = v.object({ janus: v.literal('timeout'), session_id: id });

const message = v.variant('janus', [success, error, ack, event, webrtcup, hangup, media, slowlink, detached, timeout]);
const envelope = v.object({ janus: v.pipe(v.string(), v.maxLength(MAX_KIND_LENGTH)) });
const KNOWN_KINDS: ReadonlySet<string> = new Set(message.options.map((option) => option.entries.janus.literal));

export type JanusMessage = v.InferOutput<typeof message>;
export type JanusMessageOf<K extends JanusMessage['janus']> = Extract<JanusMessage, { janus: K }>;
export type JanusPluginData = v.InferOutput<typeof pluginData>;

/**
 * Reads one frame from a Janus server: `message-too-large` for a frame longer than
 * {@link MAX_JANUS_FRAME_LENGTH}, `unknown-message` for a kind this side does not read,
 * `malformed-message` for anything else that is not a Janus message (binary, not JSON, a
 * known kind of the wrong shape).
 *
 * @example
 * ```ts
 * const decoded = decodeJanusFrame('{"janus":"ack","transaction":"t1"}');
 * if (decoded instanceof RoomError) console.warn(decoded.reason);
 * else if (decoded.janus === 'ack') console.log(decoded.transaction);
 * ```
 */
export function decodeJanusFrame(frame: unknown): JanusMessage | RoomError {
  if (typeof frame !== 'string') return refusal('malformed-message', 'a frame that is not text');
  if (frame.length > MAX_JANUS_FRAME_LENGTH) {
    return refusal('message-too-large', `a frame of ${frame.length} characters (at most ${MAX_JANUS_FRAME_LENGTH})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch (cause) {
    // Not JSON, or nested deeper than the parser's stack: either way, not a Janus message.
    return refusal('malformed-message', 'a frame that is not JSON', cause);
  }
  const head = v.safeParse(envelope, value);
  if (!head.success) return refusal('malformed-message', 'a frame that is not a Janus message');
  if (!KNOWN_KINDS.has(head.output.janus)) return refusal('unknown-message', `a message of kind "${head.output.janus}"`);
  const parsed = v.safeParse(message, value);
  if (!parsed.success) return refusal('malformed-message', `an invalid "${head.output.janus}" message: ${parsed.issues[0].message}`);
  return parsed.output;
}

function refusal(reason: 'malformed-message' | 'message-too-large' | 'unknown-message', what: string, cause?: unknown): RoomError {
  return new RoomError(reason, `the Janus server sent ${what}`, { cause });
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
