/**
 * The rig of the ChannelSender tests (src/rtc/ChannelSender.*.test.ts): a data channel played by
 * hand, and readers of the frames the sender wrote.
 */
import { decodeFrame, FrameKind, type BinaryFrame, type ChunkFrame } from '../rtc/binaryFrames.ts';
import type { ChannelOptions } from '../rtc/channelOptions.ts';
import { ChannelSender } from '../rtc/ChannelSender.ts';
import { ConnectionError } from '../rtc/errors.ts';
import { utf8ByteLength } from '../rtc/utf8ByteLength.ts';
import { CountingEventTarget } from './CountingEventTarget.ts';

/**
 * An RTCDataChannel as far as the sender sees it: `send` queues the frame (growing
 * `bufferedAmount` like a browser does) and `drain` plays the network taking bytes off the
 * queue, firing `bufferedamountlow` as a browser does when the queue falls to the threshold.
 */
export function copyBytes(frame: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  return ArrayBuffer.isView(frame)
    ? (frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer)
    : frame.slice(0);
}

export class FakeChannel extends CountingEventTarget {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  /** Every frame handed to `send`, in order. */
  readonly frames: Array<string | ArrayBuffer> = [];
  /** The largest `bufferedAmount` ever reached. */
  peakBufferedAmount = 0;
  /** When set, `send` throws it, as a browser does on a channel that is closing. */
  sendFailure: Error | undefined;

  send(frame: string | ArrayBuffer | ArrayBufferView): void {
    if (this.sendFailure) throw this.sendFailure;
    // A browser copies what it is given before send returns: the sender may reuse its buffer.
    const copy = typeof frame === 'string' ? frame : copyBytes(frame);
    this.frames.push(copy);
    this.bufferedAmount += typeof copy === 'string' ? utf8ByteLength(copy) : copy.byteLength;
    this.peakBufferedAmount = Math.max(this.peakBufferedAmount, this.bufferedAmount);
  }

  drain(bytes: number = this.bufferedAmount): void {
    const before = this.bufferedAmount;
    this.bufferedAmount = Math.max(0, before - bytes);
    if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
      this.dispatchEvent(new Event('bufferedamountlow'));
    }
  }

  close(): void {
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
  }

  asChannel(): RTCDataChannel {
    return this as unknown as RTCDataChannel;
  }
}

/** A chunk frame is 116 bytes: eight fit under the high watermark, the ninth waits. */
export const options: ChannelOptions = {
  limits: { maxMessageBytes: 1000, maxTransferBytes: 10_000, maxPendingBytes: 20_000 },
  flowControl: { highWatermarkBytes: 1000, lowWatermarkBytes: 250 },
  chunkBytes: 100,
};

/** Lets every pending promise continuation run (the sender's queue is promise-driven). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Plays the network until `work` settles: drains the queue completely, again and again. Fails
 * when the sender waits on an empty queue, since nothing could ever wake it then.
 */
export async function drainUntilSettled(channel: FakeChannel, work: Promise<unknown>): Promise<void> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  let framesBefore = -1;
  for (;;) {
    await settle();
    if (settled) return;
    if (channel.bufferedAmount === 0 && channel.frames.length === framesBefore) {
      throw new Error(`the sender waits on an empty queue after ${framesBefore} frames: it is stuck`);
    }
    framesBefore = channel.frames.length;
    channel.drain();
  }
}

export function binaryFrame(frame: string | ArrayBuffer): BinaryFrame {
  if (typeof frame === 'string') throw new Error(`expected a binary frame, got text ${frame}`);
  const decoded = decodeFrame(frame);
  if (typeof decoded === 'string') throw new Error(decoded);
  return decoded;
}

/** A readable summary of what went on the wire, in order. */
export function describeFrames(frames: ReadonlyArray<string | ArrayBuffer>): string[] {
  return frames.map((frame) => {
    if (typeof frame === 'string') return `text ${frame}`;
    const decoded = binaryFrame(frame);
    return decoded.kind === FrameKind.Chunk
      ? `chunk ${decoded.transferId}@${decoded.byteOffset}+${decoded.payload.byteLength}/${decoded.totalBytes}`
      : `abort ${decoded.transferId}`;
  });
}

/** Rebuilds the bytes of one transfer from the chunk frames on the wire. */
export function reassemble(frames: ReadonlyArray<string | ArrayBuffer>, transferId: number): Uint8Array {
  const chunks: ChunkFrame[] = [];
  for (const frame of frames) {
    const decoded = binaryFrame(frame);
    if (decoded.kind === FrameKind.Chunk && decoded.transferId === transferId) chunks.push(decoded);
  }
  const bytes = new Uint8Array(chunks[0]?.totalBytes ?? 0);
  for (const chunk of chunks) bytes.set(chunk.payload, chunk.byteOffset);
  return bytes;
}

export const counting = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 7) % 256);

export function setup(flowOptions: ChannelOptions = options) {
  const channel = new FakeChannel();
  const sender = new ChannelSender(channel.asChannel(), 'bob', flowOptions);
  return { channel, sender };
}

export const isConnectionError = (reason: string) => (error: unknown) =>
  error instanceof ConnectionError && error.reason === reason && error.peerId === 'bob';
