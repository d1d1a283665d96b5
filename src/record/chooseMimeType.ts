/**
 * Which container and codecs MediaRecorder records in, chosen by what the browser supports.
 */
import { RecordError } from './RecordError.ts';

/**
 * Preferred types with an audio track, best first. VP9 is first: it plays almost everywhere
 * WebM plays and kept the most frames under load after AV1 (ENVIRONMENT.md). AV1 encodes well
 * in recent Chromium but plays in fewer places. VP8 drops frames heavily on a busy machine,
 * so it is only a fallback, and a bare `video/webm` lets the browser pick.
 */
export const DEFAULT_MIME_TYPES_WITH_AUDIO: readonly string[] = [
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=av1,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
];

/** The same order for a recording without audio: no Opus track is declared. */
export const DEFAULT_MIME_TYPES_VIDEO_ONLY: readonly string[] = [
  'video/webm;codecs=vp9',
  'video/webm;codecs=av1',
  'video/webm;codecs=vp8',
  'video/webm',
];

export interface ChooseMimeTypeOptions {
  /** Whether the recording has an audio track: picks the list with or without Opus. */
  readonly audio: boolean;
  /** Candidates, best first; replaces the default list. Each must be a `video/webm` type. */
  readonly preferences?: readonly string[];
  /** Whether the browser records a type. Default `MediaRecorder.isTypeSupported`; tests pass a fake. */
  readonly isTypeSupported?: (mimeType: string) => boolean;
}

/**
 * The first type in the preference list that the browser can record. Only WebM is offered:
 * the finished file is rewritten as WebM (with Duration and Cues), which holds VP8, VP9, AV1
 * and Opus but not H.264 or AAC.
 *
 * Throws a `RangeError` for a non-WebM candidate or an empty list, a {@link RecordError}
 * (`'unsupported'`) when the browser records none of them or has no MediaRecorder.
 *
 * @example
 * ```ts
 * const mimeType = chooseMimeType({ audio: stream.getAudioTracks().length > 0 });
 * // 'video/webm;codecs=vp9,opus' in Chromium; 'video/webm;codecs=vp8,opus' in Firefox (no VP9, no AV1)
 * const av1First = chooseMimeType({ audio: true, preferences: ['video/webm;codecs=av1,opus', ...DEFAULT_MIME_TYPES_WITH_AUDIO] });
 * ```
 */
export function chooseMimeType(options: ChooseMimeTypeOptions): string {
  const candidates = options.preferences ?? (options.audio ? DEFAULT_MIME_TYPES_WITH_AUDIO : DEFAULT_MIME_TYPES_VIDEO_ONLY);
  if (candidates.length === 0) throw new RangeError('chooseMimeType: the preference list is empty');
  for (const candidate of candidates) {
    if (!isWebm(candidate)) {
      throw new RangeError(`chooseMimeType: only video/webm types can be made seekable, not "${candidate}"`);
    }
  }
  const isTypeSupported = options.isTypeSupported ?? browserIsTypeSupported();
  const chosen = candidates.find((candidate) => isTypeSupported(candidate));
  if (chosen === undefined) {
    throw new RecordError('unsupported', `chooseMimeType: this browser records none of ${candidates.join(', ')}`);
  }
  return chosen;
}

/**
 * Whether `mimeType` names the WebM container (any codecs parameter).
 *
 * @example
 * ```ts
 * isWebm('video/webm;codecs=vp9,opus'); // true
 * isWebm('video/mp4;codecs=avc1'); // false
 * ```
 */
export function isWebm(mimeType: string): boolean {
  return /^video\/webm\s*(;|$)/i.test(mimeType.trim());
}

function browserIsTypeSupported(): (mimeType: string) => boolean {
  if (typeof MediaRecorder === 'undefined') {
    throw new RecordError('unsupported', 'chooseMimeType: this browser has no MediaRecorder');
  }
  return (mimeType) => MediaRecorder.isTypeSupported(mimeType);
}
