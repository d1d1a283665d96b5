export { createSyntheticStream, SYNTHETIC_TONE_AMPLITUDE, type SyntheticStreamOptions } from './createSyntheticStream.ts';
export { devices$ } from './devices.ts';
export { displayMedia } from './displayMedia.ts';
export { MediaAccessError, mediaAccessErrorFrom, type MediaAccessErrorReason } from './MediaAccessError.ts';
export type { MediaDevicesOptions } from './streamFromRequest.ts';
export { userMedia } from './userMedia.ts';
