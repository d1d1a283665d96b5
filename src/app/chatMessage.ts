/**
 * The hub's chat message on the room's wire: checked with valibot before it is shown, and
 * only ever shown as text.
 */
import * as v from 'valibot';

/** Long enough for a paragraph, short enough for one data-channel message. */
export const MAX_CHAT_LENGTH = 2_000;

const ChatMessageSchema = v.object({
  kind: v.literal('chat'),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_LENGTH)),
});

export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

/**
 * The chat message to send for what someone typed, or `null` for nothing but blanks. Text
 * beyond {@link MAX_CHAT_LENGTH} is cut.
 *
 * @example
 * ```ts
 * room.send(chatMessage('hello <b>all</b>')); // → { kind: 'chat', text: 'hello <b>all</b>' }
 * ```
 */
export function chatMessage(typed: string): ChatMessage | null {
  const text = typed.trim().slice(0, MAX_CHAT_LENGTH);
  return text === '' ? null : { kind: 'chat', text };
}

/**
 * `data` as a chat message, or `null` when it is not one (another kind of app message, or
 * something malformed).
 *
 * @example
 * ```ts
 * room.messages$.subscribe(({ from, data }) => {
 *   const chat = readChatMessage(data);
 *   if (chat) container.append(`${from}: ${chat.text}`);
 * });
 * ```
 */
export function readChatMessage(data: unknown): ChatMessage | null {
  const result = v.safeParse(ChatMessageSchema, data);
  return result.success ? result.output : null;
}
