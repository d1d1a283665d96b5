/**
 * Backpressure for a data channel: never hand Chromium more than its send queue can hold
 * (it closes the channel when `send` overflows it), and never wait longer than needed.
 */
import { ConnectionError } from './errors.ts';

export interface FlowControl {
  /** Queue size (bytes) above which a sender waits. */
  readonly highWatermarkBytes: number;
  /** Queue size (bytes) at which a waiting sender resumes (`bufferedAmountLowThreshold`). */
  readonly lowWatermarkBytes: number;
}

/**
 * Chromium refuses `send` once 16 MiB are queued; 4 MiB keeps well clear of that while
 * holding enough in flight to fill a LAN path (see `npm run bench -- rtc`).
 */
export const DEFAULT_FLOW_CONTROL: FlowControl = {
  highWatermarkBytes: 4 * 1024 * 1024,
  lowWatermarkBytes: 1024 * 1024,
};

/**
 * Whether `bytes` more fit in `channel`'s send queue under the high watermark. A frame larger
 * than the watermark itself fits only into an empty queue.
 *
 * @example
 * ```ts
 * const frame = new Uint8Array(64 * 1024);
 * if (hasRoom(dataChannel, frame.byteLength, DEFAULT_FLOW_CONTROL)) dataChannel.send(frame);
 * ```
 */
export function hasRoom(channel: RTCDataChannel, bytes: number, flowControl: FlowControl): boolean {
  return channel.bufferedAmount + bytes <= flowControl.highWatermarkBytes || channel.bufferedAmount === 0;
}

/**
 * Resolves when `bytes` more can be queued on `channel` without passing the high watermark:
 * `undefined` at once when they already can (the common case costs no promise), else a
 * promise settled by `bufferedamountlow`, or rejected when the channel closes or `signal`
 * aborts. Every listener is removed by one cleanup either way.
 *
 * The wait ends at the low watermark, so that a sender resumes with a batch of room rather
 * than frame by frame — or lower, when the frame needs more room than that leaves.
 *
 * @example
 * ```ts
 * const frame = new Uint8Array(64 * 1024);
 * await whenWritable(dataChannel, frame.byteLength, DEFAULT_FLOW_CONTROL, 'bob');
 * dataChannel.send(frame);
 * ```
 */
export function whenWritable(
  channel: RTCDataChannel,
  bytes: number,
  flowControl: FlowControl,
  peerId: string,
  signal?: AbortSignal,
): Promise<void> | undefined {
  if (channel.readyState !== 'open') return Promise.reject(closedError(peerId));
  if (hasRoom(channel, bytes, flowControl)) return undefined;
  // The event fires when the queue falls to the threshold from above; with no room now, the
  // queue is above it, so it will fire (or the channel closes).
  channel.bufferedAmountLowThreshold = Math.min(flowControl.lowWatermarkBytes, Math.max(0, flowControl.highWatermarkBytes - bytes));
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      channel.removeEventListener('bufferedamountlow', onLow);
      channel.removeEventListener('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const onLow = () => {
      if (!hasRoom(channel, bytes, flowControl)) return;
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(closedError(peerId));
    };
    const onAbort = () => {
      cleanup();
      reject(signal?.reason);
    };
    channel.addEventListener('bufferedamountlow', onLow);
    channel.addEventListener('close', onClose);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
  });
}

function closedError(peerId: string): ConnectionError {
  return new ConnectionError('closed', peerId, `the data channel to ${peerId} is closed`);
}
