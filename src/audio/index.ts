/**
 * `peerstage/audio`: the audio layer (Tone.js). The root entry (`peerstage`) has its main
 * path — `analyse`, the room's levels, speaker and mix, starting sound; here are also the
 * widgets (`levelMeter`, `spectrumView`, `waveformView`), the mixer class, the speaking
 * detector's operator and policy, and Chromium's remote-audio fix. Not here: the scales and
 * the arithmetic the widgets and analysers draw and measure with.
 */
export { AudioMixer, type AudioMixerOptions, type MixerKey } from './AudioMixer.ts';
export { mixRoomAudio, type MixRoomAudioOptions } from './mixRoomAudio.ts';
export { audioPlayback, type PlaybackContext, type StateEmitterContext, type StateEventTargetContext } from './audioPlayback.ts';
export { AUDIO_START_TIMEOUT_MS, GESTURE_EVENTS, startAudioOnGesture, type StartAudioOnGestureOptions } from './startAudioOnGesture.ts';
export { activeSpeaker, DEFAULT_ACTIVE_SPEAKER, type ActiveSpeakerPolicy } from './activeSpeaker.ts';
export type { MemberAudio } from './MemberAudio.ts';
export { roomLevels, type RoomLevelsOptions, type SelfAudio, type StreamAnalyser } from './roomLevels.ts';
export { speaking } from './speaking.ts';
export { DEFAULT_SPEAKING, speakingPolicy, type SpeakingPolicy } from './speakingPolicy.ts';
export { analyse, DEFAULT_ANALYSIS_RATE_HZ, DEFAULT_FFT_SIZE, DEFAULT_SMOOTHING, type AnalyseOptions } from './analyse.ts';
export type { AudioFrame } from './AudioFrame.ts';
export { AudioError, type AudioErrorReason } from './AudioError.ts';
export { keepAudioFlowing } from './keepAudioFlowing.ts';
export type { FrequencyScale } from './frequencyAxis.ts';
export { DEFAULT_PEAK_HOLD, type PeakHoldPolicy } from './PeakHold.ts';
export { LEVEL_METER_DEFAULTS, levelMeter, type LevelMeterOptions } from './levelMeter.ts';
export { SPECTRUM_VIEW_DEFAULTS, spectrumView, type SpectrumViewOptions } from './spectrumView.ts';
export { WAVEFORM_VIEW_DEFAULTS, waveformView, type WaveformViewOptions } from './waveformView.ts';
