/**
 * The recorder's options as Storybook controls: the type to record in (codec), the frame rate
 * captured from the stage, the video bitrate and the timeslice.
 */
import type { ArgTypes } from '@storybook/html-vite';
import { DEFAULT_MIME_TYPES_WITH_AUDIO, RECORDER_DEFAULTS } from '../../src/record/index.ts';
import type { StageRecorderOptions } from '../../src/index.ts';

/**
 * The codec control's default: no `mimeType` at all, so `chooseMimeType` takes the first of its
 * list that this browser records — VP9 + Opus in Chromium, VP8 + Opus in Firefox, whose
 * MediaRecorder has neither VP9 nor AV1.
 */
export const BEST_MIME_TYPE = 'best';

export interface RecordingArgs {
  /** {@link BEST_MIME_TYPE}, or one of `chooseMimeType`'s candidates with audio. */
  readonly mimeType: string;
  readonly fps: number;
  /** Video bitrate in kbit/s: a control reads better in kbit/s than in bit/s. */
  readonly videoKbps: number;
  readonly timesliceMs: number;
}

export const RECORDING_DEFAULTS: RecordingArgs = {
  mimeType: BEST_MIME_TYPE,
  fps: RECORDER_DEFAULTS.fps,
  videoKbps: RECORDER_DEFAULTS.videoBitsPerSecond / 1_000,
  timesliceMs: RECORDER_DEFAULTS.timesliceMs,
};

/** Controls for {@link RecordingArgs}, to spread into a story's `argTypes`. */
export const RECORDING_ARG_TYPES: Partial<ArgTypes<RecordingArgs>> = {
  mimeType: {
    control: { type: 'select', labels: { [BEST_MIME_TYPE]: 'best this browser records' } },
    options: [BEST_MIME_TYPE, ...DEFAULT_MIME_TYPES_WITH_AUDIO],
    description:
      'What MediaRecorder records in (`mimeType`). **best this browser records** passes none, so `chooseMimeType` ' +
      'takes the first of its list that the browser records. The list, best first: VP9 + Opus plays almost everywhere ' +
      'WebM plays; AV1 encodes smaller but plays in fewer places; VP8 drops frames on a busy machine; a bare ' +
      '`video/webm` lets the browser pick. **Firefox records VP8 + Opus only**: its MediaRecorder has no VP9 and no ' +
      'AV1, so there the best is VP8. A type this browser cannot record shows the `RecordError` (`unsupported`). ' +
      'Only WebM: the seekable rewrite writes WebM, which holds VP8, VP9, AV1 and Opus.',
  },
  fps: {
    control: { type: 'range', min: 5, max: 60, step: 5 },
    description: 'Frames per second captured from the stage (`canvas.captureStream(fps)`). The stage itself renders at 30.',
  },
  videoKbps: {
    control: { type: 'range', min: 250, max: 8_000, step: 250 },
    description: 'Video bitrate in kbit/s (`videoBitsPerSecond / 1000`): the file’s size per second, and its sharpness.',
  },
  timesliceMs: {
    control: { type: 'range', min: 500, max: 5_000, step: 500 },
    description:
      'How often MediaRecorder hands over a chunk, which goes straight to the Origin Private File System ' +
      '(`timesliceMs`). A crash loses at most one timeslice.',
  },
};

/**
 * The controls as StageRecorder options. Numbers are forced: a control may hand its value over
 * as text. {@link BEST_MIME_TYPE} becomes no `mimeType`: the recorder chooses.
 *
 * @example
 * ```ts
 * new StageRecorder(stage.canvas, { audio: mix, ...recorderSettings(args) });
 * ```
 */
export function recorderSettings(args: RecordingArgs): StageRecorderOptions {
  return {
    mimeType: args.mimeType === BEST_MIME_TYPE ? undefined : args.mimeType,
    fps: Number(args.fps),
    videoBitsPerSecond: Math.round(Number(args.videoKbps) * 1_000),
    timesliceMs: Number(args.timesliceMs),
  };
}
