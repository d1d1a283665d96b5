/**
 * peerstage: multi-person WebRTC rooms in the browser, as RxJS Observables.
 */
export { PeerstageError } from './errors/PeerstageError.ts';
export * from './media/index.ts';
export * from './rtc/index.ts';
export * from './room/index.ts';
export * from './audio/index.ts';
export * from './scene/index.ts';
export * from './record/index.ts';
