/**
 * peerstage: multi-person WebRTC rooms in the browser, as RxJS Observables.
 *
 * This root entry is the main path: join a room, share synthetic or user media, hear the room
 * (analyse it, its levels, who speaks, its mix), put it on a stage, record the stage, and each
 * layer's error class. Each layer has the rest in a subpath of its own, for building your own:
 * `peerstage/rtc` (peer sessions, data channels, calls, stats), `peerstage/room`,
 * `peerstage/audio` (widgets, the mixer, speaking), `peerstage/scene` (layouts, the roster
 * binding) and `peerstage/record` (the parts of a recorder and its store). Helpers that are
 * not API (wire-protocol codecs, easing curves, parsers) are in no entry.
 */
export { PeerstageError } from './errors/PeerstageError.ts';

// Media: all of the media layer (synthetic and user media, devices).
export * from './media/index.ts';

// Rooms, and what their options and members' stats are made of below them.
export {
  DEFAULT_HEARTBEAT,
  DEFAULT_MAX_MEMBERS,
  DEFAULT_UNRESPONSIVE_LEAVE_AFTER_MS,
  DEFAULT_UPLINK_KBPS,
  forEachPeer,
  joinRoom,
  RoomError,
  type HeartbeatPolicy,
  type JoinOptions,
  type MemberMedia,
  type RemotePeer,
  type Room,
  type RoomErrorReason,
  type RoomMessage,
  type VideoSize,
} from './room/index.ts';
export {
  ConnectionError,
  SignalingError,
  type ConnectionErrorReason,
  type ConnectionStats,
  type ConnectionStatsOptions,
  type SignalingErrorReason,
  type SignalingOptions,
} from './rtc/index.ts';

// Hearing the room.
export {
  activeSpeaker,
  analyse,
  AUDIO_START_TIMEOUT_MS,
  AudioError,
  audioPlayback,
  DEFAULT_ACTIVE_SPEAKER,
  DEFAULT_ANALYSIS_RATE_HZ,
  DEFAULT_FFT_SIZE,
  DEFAULT_SMOOTHING,
  DEFAULT_SPEAKING,
  mixRoomAudio,
  roomLevels,
  startAudioOnGesture,
  type ActiveSpeakerPolicy,
  type AnalyseOptions,
  type AudioErrorReason,
  type AudioFrame,
  type MemberAudio,
  type MixRoomAudioOptions,
  type RoomLevelsOptions,
  type SelfAudio,
  type SpeakingPolicy,
  type StartAudioOnGestureOptions,
} from './audio/index.ts';

// The stage.
export {
  DEFAULT_LEVEL_SMOOTHING_MS,
  LAYOUT_NAMES,
  layoutByName,
  roomStage,
  SceneError,
  Stage,
  type Layout,
  type LayoutName,
  type LayoutOptions,
  type RoomStageOptions,
  type SceneErrorReason,
  type StageLevel,
  type StageMember,
  type StageOptions,
  type StageSelf,
} from './scene/index.ts';

// Recording the stage, and the recordings a page keeps.
export {
  deleteRecording,
  downloadBlob,
  listInterruptedRecordings,
  listRecordings,
  openRecording,
  RecordError,
  recoverRecording,
  StageRecorder,
  type DownloadBlobOptions,
  type FinishedRecording,
  type RecordErrorReason,
  type RecordingMeta,
  type RecordingProgress,
  type RecordingState,
  type RecordSource,
  type RecoveryOptions,
  type StageRecorderOptions,
} from './record/index.ts';
