/**
 * The typed error of the audio layer.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

/** Why an audio feature could not do what was asked. */
export type AudioErrorReason =
  /** An option is out of range (an `fftSize` that is no power of two, a rate of zero). */
  | 'invalid-options'
  /** A graph was asked to do something after `dispose()`. */
  | 'disposed';

export class AudioError extends PeerstageError<AudioErrorReason> {
  constructor(reason: AudioErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason, message, options);
  }
}
