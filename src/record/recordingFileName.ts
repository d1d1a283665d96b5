/**
 * File names for finished recordings: who (the room), when (local date and time), what (.webm).
 */

export interface RecordingFileNameOptions {
  /** The room's name; sanitised, and left out when nothing usable is left of it. */
  readonly room?: string;
  /** When the recording started. Default now. Written in the local time zone, as people read it. */
  readonly date?: Date;
  /** First word of the name. Default `'peerstage'`. */
  readonly prefix?: string;
  /** Extension without the dot. Default `'webm'`. */
  readonly extension?: string;
}

/** Longest room part kept: file systems limit names to 255 bytes, and people read the start. */
export const MAX_ROOM_IN_FILE_NAME = 48;

/**
 * A file name like `peerstage-<room>-2026-11-25-1742.webm`. The room keeps letters and digits
 * of any script, `.`, `_` and `-`; every other run of characters (spaces, slashes, `:` and the
 * rest that Windows, macOS or a shell would trip on) becomes one `-`.
 *
 * @example
 * ```ts
 * recordingFileName({ room: 'Jam: Friday/Night', date: new Date(2026, 10, 25, 17, 42) });
 * // 'peerstage-Jam-Friday-Night-2026-11-25-1742.webm'
 * ```
 */
export function recordingFileName(options: RecordingFileNameOptions = {}): string {
  const date = options.date ?? new Date();
  const prefix = sanitiseFileNamePart(options.prefix ?? 'peerstage') || 'recording';
  const room = sanitiseFileNamePart(options.room ?? '')
    .slice(0, MAX_ROOM_IN_FILE_NAME)
    .replace(/[-.]+$/u, '');
  const extension = sanitiseFileNamePart(options.extension ?? 'webm').replace(/^\.+/u, '') || 'webm';
  const two = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}${two(date.getMinutes())}`;
  const stem = [prefix, room, day, time].filter((part) => part.length > 0).join('-');
  return `${stem}.${extension}`;
}

/**
 * `text` reduced to characters safe in a file name on every common system; `''` when none are.
 * Leading dots go too, so no name turns into a hidden file.
 *
 * @example
 * ```ts
 * sanitiseFileNamePart('  ../Café  Noir?  '); // 'Café-Noir'
 * ```
 */
export function sanitiseFileNamePart(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^[-.]+|-+$/gu, '');
}
