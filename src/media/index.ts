/**
 * The media layer: synthetic and user media. All of it is the main path, so the root entry
 * (`peerstage`) exports all of it and there is no `peerstage/media`. Not here:
 * `mediaAccessErrorFrom`, the translation of the browser's refusals that `userMedia` and
 * `displayMedia` do for you.
 */
export { createSyntheticStream, SYNTHETIC_TONE_AMPLITUDE, type SyntheticStreamOptions } from './createSyntheticStream.ts';
export { devices$ } from './devices.ts';
export { displayMedia } from './displayMedia.ts';
export { MediaAccessError, type MediaAccessErrorReason } from './MediaAccessError.ts';
export type { MediaDevicesOptions } from './streamFromRequest.ts';
export { userMedia } from './userMedia.ts';
