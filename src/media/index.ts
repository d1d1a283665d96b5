export { createSyntheticStream, SYNTHETIC_TONE_AMPLITUDE, type SyntheticStreamOptions } from './createSyntheticStream.ts';
