/**
 * `analyse`'s options as Storybook controls.
 */
import type { ArgTypes } from '@storybook/html-vite';
import { DEFAULT_ANALYSIS_RATE_HZ, DEFAULT_FFT_SIZE, DEFAULT_SMOOTHING, type AnalyseOptions } from '../../src/index.ts';

export interface AnalysisArgs {
  readonly fftSize: number;
  readonly smoothing: number;
  readonly rate: number;
}

export const ANALYSIS_DEFAULTS: AnalysisArgs = {
  fftSize: DEFAULT_FFT_SIZE,
  smoothing: DEFAULT_SMOOTHING,
  rate: DEFAULT_ANALYSIS_RATE_HZ,
};

/** Powers of two that `analyse` takes (it takes 32 to 32768). */
export const FFT_SIZES = [256, 512, 1_024, 2_048, 4_096, 8_192, 16_384] as const;

/** Controls for {@link AnalysisArgs}, to spread into a story's `argTypes`. */
export const ANALYSIS_ARG_TYPES: Partial<ArgTypes<AnalysisArgs>> = {
  fftSize: {
    control: 'select',
    options: [...FFT_SIZES],
    description:
      'Samples per FFT window (a power of two): `fftSize / 2` bins, each `sampleRate / fftSize` Hz wide. Larger: ' +
      'finer bins, but a longer window, so slower to follow a change.',
  },
  smoothing: {
    control: { type: 'range', min: 0, max: 1, step: 0.05 },
    description:
      'How much of the last spectrum each new one keeps (Web Audio’s `smoothingTimeConstant`): 0 is raw and jumpy, ' +
      '1 is frozen. The level and the waveform are never smoothed.',
  },
  rate: {
    control: { type: 'range', min: 1, max: 60, step: 1 },
    description: 'Frames a second: how often the analysers are read (one shared timer per rate).',
  },
};

/**
 * The controls as `analyse` options. Numbers are forced: a select may hand its value over as text.
 *
 * @example
 * ```ts
 * frames$ = stream$.pipe(analyse(analyseOptions(args)));
 * ```
 */
export function analyseOptions(args: AnalysisArgs): AnalyseOptions {
  return { fftSize: Number(args.fftSize), smoothing: Number(args.smoothing), rate: Number(args.rate) };
}
