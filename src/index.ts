/**
 * peerstage: multi-person WebRTC rooms in the browser, as RxJS Observables.
 */
export * from './media/index.ts';
export { fetchClientConfig } from './rtc/fetchClientConfig.ts';
export { CLIENT_CONFIG_PATH, DEFAULT_CLIENT_CONFIG, type ClientConfig } from './rtc/clientConfig.ts';
export { DEFAULT_SIGNALING_PATH, signalingAtPageOrigin, type SignalingOptions } from './rtc/signalingOptions.ts';
