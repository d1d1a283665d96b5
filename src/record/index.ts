/**
 * `peerstage/record`: the recording layer (MediaRecorder, OPFS, mediabunny). The root entry
 * (`peerstage`) has its main path — `StageRecorder`, the recordings a page keeps and recovers,
 * `downloadBlob`; here are also the parts to record something else (`recordMedia`,
 * `recordingProgress`, `chooseMimeType`, the store and its locks, `remuxToSeekable`) and
 * `inspectRecording`. Not here: option resolution, the stored record's format and the WebM
 * parser behind `inspectRecording`.
 */
export { RecordError, type RecordErrorReason } from './RecordError.ts';
export {
  chooseMimeType,
  DEFAULT_MIME_TYPES_VIDEO_ONLY,
  DEFAULT_MIME_TYPES_WITH_AUDIO,
  isWebm,
  type ChooseMimeTypeOptions,
} from './chooseMimeType.ts';
export { StageRecorder } from './StageRecorder.ts';
export { MAX_TIMESLICE_MS, MIN_TIMESLICE_MS, RECORDER_DEFAULTS, type StageRecorderOptions } from './recorderOptions.ts';
export type { RecorderEvent } from './RecorderEvent.ts';
export { recordMedia, type RecorderCommand, type RecordMediaOptions } from './recordMedia.ts';
export { captureSource, type RecordSource } from './captureSource.ts';
export {
  DEFAULT_PROGRESS_TICK_MS,
  IDLE_PROGRESS,
  recordingProgress,
  type RecordingProgress,
  type RecordingProgressOptions,
  type RecordingState,
} from './recordingProgress.ts';
export {
  DEFAULT_RECORDINGS_FOLDER,
  RECORDING_LOCK_PREFIX,
  RecordingStore,
  type NewRecording,
  type OpenRecordingStoreOptions,
} from './RecordingStore.ts';
export { heldRecordingLocks, holdRecordingLock, type RecordingLock } from './recordingLock.ts';
export type { RecordingMeta } from './RecordingMeta.ts';
export { finishRecording, type FinishedRecording } from './finishRecording.ts';
export {
  deleteRecording,
  listInterruptedRecordings,
  listRecordings,
  openRecording,
  recoverRecording,
  type RecoveryOptions,
} from './recoverRecording.ts';
export { remuxToSeekable, type RemuxOptions } from './remuxToSeekable.ts';
export { inspectRecording, type RecordingReport, type RecordingTrackReport } from './inspectRecording.ts';
export { MAX_ROOM_IN_FILE_NAME, recordingFileName, type RecordingFileNameOptions } from './recordingFileName.ts';
export { downloadBlob, DOWNLOAD_URL_LIFETIME_MS, type DownloadBlobOptions } from './downloadBlob.ts';
