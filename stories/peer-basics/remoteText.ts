/**
 * What a remote peer sends, turned into plain text for display. Anything can arrive on a data
 * channel (any JSON value, or binary), and a remote chooses its own name: the story shows both
 * as text and never trusts their shape.
 */

/** Longest name shown: a remote could send a whole page as its name. */
const MAX_NAME_LENGTH = 40;

/**
 * A received message as text: strings as they are, binary as its size, anything else as JSON.
 *
 * @example
 * ```ts
 * messageText('hi'); // 'hi'
 * messageText({ a: 1 }); // '{"a":1}'
 * ```
 */
export function messageText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return `[${data.byteLength} bytes]`;
  return JSON.stringify(data) ?? String(data);
}

/**
 * The `name` a remote put in a connection's or call's metadata, or `fallback` (its peer ID).
 *
 * @example
 * ```ts
 * nameFrom({ name: 'Alice' }, 'a1b2'); // 'Alice'
 * nameFrom(undefined, 'a1b2'); // 'a1b2'
 * ```
 */
export function nameFrom(metadata: unknown, fallback: string): string {
  const name = typeof metadata === 'object' && metadata !== null && 'name' in metadata ? metadata.name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, MAX_NAME_LENGTH) : fallback;
}
