/**
 * A recorder's options: their defaults, and the checks that turn bad ones into typed errors.
 */
import { chooseMimeType, isWebm } from './chooseMimeType.ts';
import { RecordError } from './RecordError.ts';
import type { RecordSource } from './captureSource.ts';
import type { RecordingStore } from './RecordingStore.ts';

export interface StageRecorderOptions {
  /** The sound to record with the picture, e.g. the room's mix. None, or no audio track: video only. */
  readonly audio?: MediaStream | null;
  /** Frames per second captured from a canvas. Default 30. Ignored for a MediaStream source. */
  readonly fps?: number;
  /** Default 2.5 Mbit/s: a busy 720p stage stays sharp in VP9. */
  readonly videoBitsPerSecond?: number;
  /** Default 128 kbit/s: transparent Opus for music. */
  readonly audioBitsPerSecond?: number;
  /** A type to record in, or a preference list, best first. Default: VP9 + Opus first (see `chooseMimeType`). */
  readonly mimeType?: string | readonly string[];
  /** How often recorded data goes to storage, in ms. Default 2000; from 100 to 60 000. */
  readonly timesliceMs?: number;
  /** The room recorded: kept in the metadata record and used in the file name. */
  readonly room?: string;
  /** A name for people, kept in the metadata record. */
  readonly name?: string;
  /** Where chunks go. Default the Origin Private File System's `peerstage-recordings` folder. */
  readonly store?: RecordingStore;
  /** How often progress re-emits the elapsed time while recording. Default 250 ms. */
  readonly progressTickMs?: number;
}

export const RECORDER_DEFAULTS = {
  fps: 30,
  videoBitsPerSecond: 2_500_000,
  audioBitsPerSecond: 128_000,
  timesliceMs: 2_000,
  progressTickMs: 250,
} as const;

/** Shortest timeslice: shorter ones turn into a storm of tiny file writes. */
export const MIN_TIMESLICE_MS = 100;
/** Longest timeslice: a crash loses at most this much. */
export const MAX_TIMESLICE_MS = 60_000;

export interface ResolvedRecorderOptions {
  readonly fps: number;
  readonly videoBitsPerSecond: number;
  readonly audioBitsPerSecond: number;
  readonly mimeType: string;
  readonly timesliceMs: number;
  readonly progressTickMs: number;
  readonly audioTracks: readonly MediaStreamTrack[];
}

/**
 * Checks `options` for recording `source` and fills in the defaults, choosing the type to
 * record in. Throws a `RangeError` for a value out of range, a {@link RecordError}
 * (`'unsupported'`) when the browser records none of the types asked for.
 *
 * @example
 * ```ts
 * const { mimeType } = resolveRecorderOptions(canvas, { audio: mixer.stream, fps: 30 });
 * ```
 */
export function resolveRecorderOptions(source: RecordSource, options: StageRecorderOptions): ResolvedRecorderOptions {
  const fail = (message: string) => new RangeError(`StageRecorder: ${message}`);
  if (source instanceof MediaStream) {
    if (source.getVideoTracks().length === 0) throw fail('the source stream has no video track');
  } else if (!(source instanceof HTMLCanvasElement)) {
    throw fail('the source must be a canvas or a MediaStream');
  } else if (source.width < 1 || source.height < 1) {
    throw fail(`the canvas has no area (${source.width} x ${source.height})`);
  }
  if (options.audio != null && !(options.audio instanceof MediaStream)) throw fail('audio must be a MediaStream');

  const fps = options.fps ?? RECORDER_DEFAULTS.fps;
  if (!(fps > 0 && fps <= 120)) throw fail(`fps must be above 0 and at most 120, not ${fps}`);
  const videoBitsPerSecond = positive('videoBitsPerSecond', options.videoBitsPerSecond ?? RECORDER_DEFAULTS.videoBitsPerSecond);
  const audioBitsPerSecond = positive('audioBitsPerSecond', options.audioBitsPerSecond ?? RECORDER_DEFAULTS.audioBitsPerSecond);
  const timesliceMs = options.timesliceMs ?? RECORDER_DEFAULTS.timesliceMs;
  if (!(timesliceMs >= MIN_TIMESLICE_MS && timesliceMs <= MAX_TIMESLICE_MS)) {
    throw fail(`timesliceMs must be from ${MIN_TIMESLICE_MS} to ${MAX_TIMESLICE_MS}, not ${timesliceMs}`);
  }
  const progressTickMs = options.progressTickMs ?? RECORDER_DEFAULTS.progressTickMs;
  if (!(progressTickMs >= 10)) throw fail(`progressTickMs must be at least 10, not ${progressTickMs}`);

  const audioTracks = options.audio?.getAudioTracks() ?? [];
  const asked = options.mimeType;
  const preferences = asked === undefined ? undefined : typeof asked === 'string' ? [asked] : asked;
  for (const type of preferences ?? []) if (!isWebm(type)) throw fail(`only video/webm can be made seekable, not "${type}"`);
  const mimeType = chooseMimeType({ audio: audioTracks.length > 0, ...(preferences ? { preferences } : {}) });
  return { fps, videoBitsPerSecond, audioBitsPerSecond, mimeType, timesliceMs, progressTickMs, audioTracks };

  function positive(name: string, value: number): number {
    if (!(Number.isFinite(value) && value > 0)) throw fail(`${name} must be a positive number, not ${value}`);
    return Math.round(value);
  }
}
