/**
 * The room's wire protocol: versioned JSON envelopes `{ v, t, ... }` on each member-to-member
 * data channel, validated with valibot before anything reads them. Decoding never throws:
 * whatever arrives is a message or a {@link RoomError}.
 */
import * as v from 'valibot';
import { RoomError } from './RoomError.ts';
import { MAX_VIEW_PIXELS } from './splitUplink.ts';

/**
 * 5: a member tells another how large it shows its video (`view`). 4: the dialing side proves itself first, and names (and the directory holder's member ID)
 * travel in an `intro` only once the other side has proved itself; proofs bind the link's
 * DTLS fingerprints. 3: a member sharing media dials its links inside its calls (2 dialed
 * every link on a connection of its own). 2: the handshake admits on the proof alone
 * (version 1 waited for a "welcome" after it). Members of different versions cannot admit
 * each other, and say so (`unknown-message`) on a link of its own.
 */
export const PROTOCOL_VERSION = 5;

/** Room names, member names and the like are short: long ones are refused, not truncated. */
export const MAX_ROOM_ID_LENGTH = 256;
export const MAX_NAME_LENGTH = 64;
const MAX_TOKEN = 128;
const MAX_ID = 128;
/** Members listed in one answer of the directory; well above any room's size limit. */
const MAX_LISTED = 64;

const token = v.pipe(v.string(), v.maxLength(MAX_TOKEN));
const memberId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID));
const name = v.optional(v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)));

const version = v.literal(PROTOCOL_VERSION);

/**
 * First message each side sends: the room it means and a challenge for the other. Nothing
 * about who the sender is: that waits for the other side's proof (see `intro`).
 */
const hello = v.object({
  v: version,
  t: v.literal('hello'),
  room: v.pipe(v.string(), v.maxLength(MAX_ROOM_ID_LENGTH)),
  nonce: token,
});
/** The answer to the other side's challenge (empty in a room without a passphrase). */
const proof = v.object({ v: version, t: v.literal('proof'), proof: token });
/**
 * Who the sender is, sent once the other side's proof checked out. `member` is the sender's
 * member ID when the channel does not show it: the directory's holder answers a newcomer on
 * the room's rendezvous ID, and that link is its member link.
 */
const intro = v.object({ v: version, t: v.literal('intro'), name, member: v.optional(memberId) });
/**
 * The other side will not admit this one; it closes the channel after sending it. A side that
 * refuses after checking the other's proof (a full room) adds its own `proof`, so the refusal
 * counts as a member's word; a refusal without one proves nothing about who sent it.
 */
const refused = v.object({
  v: version,
  t: v.literal('refused'),
  reason: v.picklist(['wrong-passphrase', 'room-full', 'wrong-room']),
  proof: v.optional(token),
});
/** The directory's answer to a newcomer: whom to dial (besides the holder, when it answers on its link). */
const members = v.object({
  v: version,
  t: v.literal('members'),
  members: v.pipe(v.array(v.object({ id: memberId, name })), v.maxLength(MAX_LISTED)),
});
/** Heartbeat: says "still here" when nothing else has. */
const ping = v.object({ v: version, t: v.literal('ping') });
/** A graceful leave: the sender is gone now, not after a heartbeat timeout. */
const bye = v.object({ v: version, t: v.literal('bye') });
const viewDimension = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_VIEW_PIXELS));
/**
 * How large the sender shows the receiver's video, in device pixels (a cube's face on its
 * stage), so the receiver sends no larger; without `size`, at any size again.
 */
const view = v.object({ v: version, t: v.literal('view'), size: v.optional(v.object({ width: viewDimension, height: viewDimension })) });
/** An application message; `direct` when sent to this member alone. JSON drops `undefined`. */
const data = v.object({ v: version, t: v.literal('data'), data: v.optional(v.unknown()), direct: v.optional(v.boolean()) });

const message = v.variant('t', [hello, proof, intro, refused, members, ping, bye, view, data]);
const envelope = v.object({ v: v.number(), t: v.string() });
const KNOWN_TYPES: ReadonlySet<string> = new Set(message.options.map((option) => option.entries.t.literal));

export type WireMessage = v.InferOutput<typeof message>;
export type WireMessageOf<T extends WireMessage['t']> = Extract<WireMessage, { t: T }>;
export type RefusalReason = WireMessageOf<'refused'>['reason'];

/**
 * Reads one received value as a room message.
 *
 * @example
 * ```ts
 * const decoded = decodeWireMessage(JSON.parse('{"v":5,"t":"ping"}'), 'bob');
 * if (decoded instanceof RoomError) console.warn(decoded.message);
 * ```
 */
export function decodeWireMessage(value: unknown, from: string): WireMessage | RoomError {
  const head = v.safeParse(envelope, value);
  if (!head.success) return new RoomError('malformed-message', `${from} sent something that is not a room message`, { peerId: from });
  if (head.output.v !== PROTOCOL_VERSION || !KNOWN_TYPES.has(head.output.t)) {
    return new RoomError('unknown-message', `${from} sent a message of kind "${head.output.t}" version ${head.output.v}`, {
      peerId: from,
    });
  }
  const parsed = v.safeParse(message, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return new RoomError('malformed-message', `${from} sent an invalid "${head.output.t}" message: ${issue.message}`, {
      peerId: from,
    });
  }
  return parsed.output;
}

/**
 * Builds a message of the current version.
 *
 * @example
 * ```ts
 * channel.send(wire({ t: 'data', data: { text: 'hi' } }));
 * ```
 */
export function wire(body: WireBody): WireMessage {
  return { v: PROTOCOL_VERSION, ...body } as WireMessage;
}

/** A message without its version field, kind by kind. */
export type WireBody = WireMessage extends infer M ? (M extends WireMessage ? Omit<M, 'v'> : never) : never;
