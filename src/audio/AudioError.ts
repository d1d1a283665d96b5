/**
 * The typed error of the audio layer.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

/** Why an audio feature could not do what was asked. */
export type AudioErrorReason =
  /** A graph was asked to do something after `dispose()`. */
  | 'disposed'
  /**
   * The audio context did not start within its time (`startAudioOnGesture`'s `timeoutMs`)
   * of being asked to at a user gesture. Firefox on a machine with no audio output device
   * (no sound card or sound server: CI, containers) never starts any AudioContext and says
   * nothing; so analysers, the mixer and synthetic tones stay silent there.
   */
  | 'audio-unavailable';

export class AudioError extends PeerstageError<AudioErrorReason> {
  constructor(reason: AudioErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason, message, options);
  }
}
