/**
 * What a MediaRecorder says while it records, as values rather than DOM events.
 */

/**
 * One MediaRecorder event: it started, paused, resumed, handed over data, or stopped. Control
 * events come when they take effect on the media clock; after `stop`, the last `data` follows.
 */
export type RecorderEvent =
  | { readonly type: 'start' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** A timeslice's worth of the WebM stream, in order; the last one comes right after `stop`. */
  | { readonly type: 'data'; readonly data: Blob }
  | { readonly type: 'stop' };
