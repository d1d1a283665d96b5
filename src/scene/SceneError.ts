/**
 * The typed error of the scene layer.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

/** Why the stage could not do what was asked. */
export type SceneErrorReason =
  /** The browser gave no WebGL context (none supported, or too many open). */
  | 'no-webgl'
  /** A stage was asked to do something after `dispose()`. */
  | 'disposed';

export class SceneError extends PeerstageError<SceneErrorReason> {
  constructor(reason: SceneErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason, message, options);
  }
}
