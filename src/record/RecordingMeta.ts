/**
 * The small record kept beside a stored recording's chunks, and its validation on the way back.
 */
import * as v from 'valibot';

export const RECORDING_META_VERSION = 1;

const metaSchema = v.object({
  version: v.literal(RECORDING_META_VERSION),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  room: v.optional(v.pipe(v.string(), v.maxLength(256))),
  name: v.optional(v.pipe(v.string(), v.maxLength(256))),
  startedAt: v.pipe(v.number(), v.finite()),
  mimeType: v.pipe(v.string(), v.maxLength(256)),
  finished: v.boolean(),
});

/**
 * What is known of a stored recording. `finished` is the marker written once the recorder
 * stopped and every chunk was stored: a record without it was interrupted (a closed or
 * crashed tab, a recorder disposed without `stop()`).
 */
export interface RecordingMeta {
  readonly version: typeof RECORDING_META_VERSION;
  /** Also the name of its folder in the store. */
  readonly id: string;
  /** The room it was recorded in. */
  readonly room?: string;
  /** A name for people: a title, the recording member's name. */
  readonly name?: string;
  /** When recording started, in ms since the epoch. */
  readonly startedAt: number;
  /** What MediaRecorder recorded in. */
  readonly mimeType: string;
  readonly finished: boolean;
}

/**
 * `json` as a {@link RecordingMeta}, or `null` when it is not one (a half-written or foreign file).
 *
 * @example
 * ```ts
 * declare const handle: FileSystemFileHandle; // a recording's metadata file
 * const meta = parseRecordingMeta(await (await handle.getFile()).text());
 * if (meta && !meta.finished) console.log('interrupted:', meta.id);
 * ```
 */
export function parseRecordingMeta(json: string): RecordingMeta | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = v.safeParse(metaSchema, value);
  return parsed.success ? parsed.output : null;
}

/**
 * A new recording's id, also its folder's name: the start time, for sorting by eye, and a
 * random part, so two tabs starting in the same millisecond never share one.
 *
 * @example
 * ```ts
 * newRecordingId(Date.now()); // 'rec-1764000000000-3f9a1c2e'
 * ```
 */
export function newRecordingId(startedAt: number): string {
  return `rec-${startedAt}-${crypto.randomUUID().slice(0, 8)}`;
}
