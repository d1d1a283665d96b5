/**
 * The typed error of the recording layer.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

/** Why a recording could not do what was asked. */
export type RecordErrorReason =
  /** The browser cannot do it: no MediaRecorder, no Origin Private File System, no usable codec. */
  | 'unsupported'
  /** MediaRecorder refused to start or failed while recording. */
  | 'recorder-failed'
  /** The Origin Private File System refused a read or a write (a missing file, a private window). */
  | 'storage'
  /**
   * The disk, or the origin's share of it, is full (a `QuotaExceededError`): a chunk or the
   * seekable file could not be written. A recording stops; what reached the disk is kept.
   */
  | 'storage-full'
  /**
   * Another tab (or another part of this page) has that recording: it is recording it, saving
   * it, or holds it finished. It cannot be recovered, opened or deleted until that tab lets go
   * of it or closes.
   */
  | 'in-use'
  /** The recorded WebM could not be rewritten into a seekable one. */
  | 'remux-failed'
  /** No stored recording has that id. */
  | 'not-found'
  /** A control was used out of turn: `pause()` before `start()`, `start()` twice. */
  | 'invalid-state'
  /** A recorder was asked to do something after `dispose()`. */
  | 'disposed';

export class RecordError extends PeerstageError<RecordErrorReason> {
  constructor(reason: RecordErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason, message, options);
  }
}
