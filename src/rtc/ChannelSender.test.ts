import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, FRAME_HEADER_BYTES, FrameKind, type BinaryFrame, type ChunkFrame } from './binaryFrames.ts';
import type { ChannelOptions } from './channelOptions.ts';
import { ChannelSender } from './ChannelSender.ts';
import { ConnectionError } from './errors.ts';
import type { TransferProgress } from './TransferAssembler.ts';
import { utf8ByteLength } from './utf8ByteLength.ts';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';

/**
 * An RTCDataChannel as far as the sender sees it: `send` queues the frame (growing
 * `bufferedAmount` like a browser does) and `drain` plays the network taking bytes off the
 * queue, firing `bufferedamountlow` as a browser does when the queue falls to the threshold.
 */
function copyBytes(frame: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  return ArrayBuffer.isView(frame)
    ? (frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer)
    : frame.slice(0);
}

class FakeChannel extends CountingEventTarget {
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
const options: ChannelOptions = {
  limits: { maxMessageBytes: 1000, maxTransferBytes: 10_000, maxPendingBytes: 20_000 },
  flowControl: { highWatermarkBytes: 1000, lowWatermarkBytes: 250 },
  chunkBytes: 100,
};

/** Lets every pending promise continuation run (the sender's queue is promise-driven). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Plays the network until `work` settles: drains the queue completely, again and again. Fails
 * when the sender waits on an empty queue, since nothing could ever wake it then.
 */
async function drainUntilSettled(channel: FakeChannel, work: Promise<unknown>): Promise<void> {
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

function binaryFrame(frame: string | ArrayBuffer): BinaryFrame {
  if (typeof frame === 'string') throw new Error(`expected a binary frame, got text ${frame}`);
  const decoded = decodeFrame(frame);
  if (typeof decoded === 'string') throw new Error(decoded);
  return decoded;
}

/** A readable summary of what went on the wire, in order. */
function describeFrames(frames: ReadonlyArray<string | ArrayBuffer>): string[] {
  return frames.map((frame) => {
    if (typeof frame === 'string') return `text ${frame}`;
    const decoded = binaryFrame(frame);
    return decoded.kind === FrameKind.Chunk
      ? `chunk ${decoded.transferId}@${decoded.byteOffset}+${decoded.payload.byteLength}/${decoded.totalBytes}`
      : `abort ${decoded.transferId}`;
  });
}

/** Rebuilds the bytes of one transfer from the chunk frames on the wire. */
function reassemble(frames: ReadonlyArray<string | ArrayBuffer>, transferId: number): Uint8Array {
  const chunks: ChunkFrame[] = [];
  for (const frame of frames) {
    const decoded = binaryFrame(frame);
    if (decoded.kind === FrameKind.Chunk && decoded.transferId === transferId) chunks.push(decoded);
  }
  const bytes = new Uint8Array(chunks[0]?.totalBytes ?? 0);
  for (const chunk of chunks) bytes.set(chunk.payload, chunk.byteOffset);
  return bytes;
}

const counting = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 7) % 256);

function setup(flowOptions: ChannelOptions = options) {
  const channel = new FakeChannel();
  const sender = new ChannelSender(channel.asChannel(), 'bob', flowOptions);
  return { channel, sender };
}

const isConnectionError = (reason: string) => (error: unknown) =>
  error instanceof ConnectionError && error.reason === reason && error.peerId === 'bob';

describe('ChannelSender text', () => {
  it('sends text synchronously when nothing is queued and the channel has room', async () => {
    const { channel, sender } = setup();
    const sent = sender.sendText('{"hello":"bob"}', 15);
    // Already on the wire before any await: the fast path costs no task.
    expect(channel.frames).toEqual(['{"hello":"bob"}']);
    expect(sender.queued).toBe(0);
    await expect(sent).resolves.toBeUndefined();
  });

  it('holds text while it would pass the high watermark and sends it on bufferedamountlow', async () => {
    const { channel, sender } = setup();
    channel.bufferedAmount = 999;
    const sent = sender.sendText('"x"', 3);
    await settle();
    expect(channel.frames).toEqual([]);
    expect(sender.queued).toBe(1);
    // Draining to just above the low watermark is not enough: the browser has not fired yet.
    channel.drain(700);
    await settle();
    expect(channel.frames).toEqual([]);
    channel.drain(100);
    await expect(sent).resolves.toBeUndefined();
    expect(channel.frames).toEqual(['"x"']);
    expect(sender.queued).toBe(0);
  });

  it('lets text wait behind a queued transfer even when the channel has room', async () => {
    const { channel, sender } = setup();
    const transfer = sender.transfer(counting(150), new AbortController().signal, () => undefined);
    // The transfer has not run yet (it starts on a microtask), but it is ahead in the queue.
    const text = sender.sendText('"after"', 7);
    expect(channel.frames).toEqual([]);
    await Promise.all([transfer, text]);
    expect(describeFrames(channel.frames)).toEqual(['chunk 1@0+100/150', 'chunk 1@100+50/150', 'text "after"']);
  });

  it('rejects with ConnectionError closed when send throws because the channel closed', async () => {
    const { channel, sender } = setup();
    const cause = new Error('InvalidStateError: RTCDataChannel.readyState is not open');
    channel.sendFailure = cause;
    await expect(sender.sendText('"x"', 3)).rejects.toSatisfy(
      (error) => isConnectionError('closed')(error) && error instanceof ConnectionError && error.cause === cause,
    );
  });

  it('rejects with ConnectionError closed on a channel that is no longer open', async () => {
    const { channel, sender } = setup();
    channel.readyState = 'closing';
    await expect(sender.sendText('"x"', 3)).rejects.toSatisfy(isConnectionError('closed'));
    expect(channel.frames).toEqual([]);
  });

  it('registers the listeners of one wait only when text has to wait', async () => {
    const { channel, sender } = setup();
    channel.bufferedAmount = 1000;
    void sender.sendText('"x"', 3);
    await settle();
    // One `bufferedamountlow` and one `close` listener for the queued job.
    expect(channel.listeners).toBe(2);
  });

  it('sends a frame that waited for room once the queue drains, even from below the low watermark', async () => {
    const { channel, sender } = setup();
    channel.bufferedAmount = 200;
    // 200 + 801 > 1000: it waits, with the threshold at 250 and the queue already below it.
    const sent = sender.sendText('x'.repeat(801), 801);
    await drainUntilSettled(channel, sent);
    expect(channel.frames).toHaveLength(1);
  });

  // A frame bigger than high − low watermark waits below the low watermark.
  it('does not pass the high watermark with a frame that waited for bufferedamountlow', async () => {
    const { channel, sender } = setup();
    channel.bufferedAmount = 1000;
    const sent = sender.sendText('x'.repeat(900), 900);
    await settle();
    channel.drain(800); // 200 left: below the low watermark, yet no room for 900 more.
    await settle();
    expect(channel.frames).toEqual([]);
    channel.drain(100);
    await sent;
    expect(channel.peakBufferedAmount).toBeLessThanOrEqual(1000);
  });
});

describe('ChannelSender transfers', () => {
  it('splits a transfer into chunks of chunkBytes, reporting progress after each', async () => {
    const { channel, sender } = setup();
    const bytes = counting(250);
    const progress: TransferProgress[] = [];
    await sender.transfer(bytes, new AbortController().signal, (report) => progress.push(report));
    expect(describeFrames(channel.frames)).toEqual(['chunk 1@0+100/250', 'chunk 1@100+100/250', 'chunk 1@200+50/250']);
    expect(progress).toEqual([
      { transferId: 1, bytes: 100, totalBytes: 250 },
      { transferId: 1, bytes: 200, totalBytes: 250 },
      { transferId: 1, bytes: 250, totalBytes: 250 },
    ]);
    expect(reassemble(channel.frames, 1)).toEqual(bytes);
  });

  it('sends only the bytes a typed array view covers, and numbers transfers from 1', async () => {
    const { channel, sender } = setup();
    const backing = counting(400);
    const view = new Uint8Array(backing.buffer, 30, 120);
    await sender.transfer(view, new AbortController().signal, () => undefined);
    await sender.transfer(new DataView(backing.buffer, 5, 10), new AbortController().signal, () => undefined);
    expect(reassemble(channel.frames, 1)).toEqual(backing.slice(30, 150));
    expect(reassemble(channel.frames, 2)).toEqual(backing.slice(5, 15));
  });

  it('reads a Blob before sending it', async () => {
    const { channel, sender } = setup();
    const bytes = counting(130);
    await sender.transfer(new Blob([bytes]), new AbortController().signal, () => undefined);
    expect(reassemble(channel.frames, 1)).toEqual(bytes);
  });

  it('sends an empty transfer as one empty chunk, so the receiver still gets a message', async () => {
    const { channel, sender } = setup();
    const progress: TransferProgress[] = [];
    await sender.transfer(new ArrayBuffer(0), new AbortController().signal, (report) => progress.push(report));
    expect(describeFrames(channel.frames)).toEqual(['chunk 1@0+0/0']);
    expect(channel.frames[0]).toHaveProperty('byteLength', FRAME_HEADER_BYTES);
    expect(progress).toEqual([{ transferId: 1, bytes: 0, totalBytes: 0 }]);
  });

  it('keeps FIFO order across text and transfers while the queue is above the high watermark', async () => {
    const { channel, sender } = setup();
    channel.bufferedAmount = 1000;
    const signal = new AbortController().signal;
    const all = Promise.all([
      sender.sendText('"a"', 3),
      sender.transfer(counting(250), signal, () => undefined),
      sender.sendText('"b"', 3),
      sender.transfer(counting(50), signal, () => undefined),
      sender.sendText('"c"', 3),
    ]);
    await settle();
    expect(channel.frames).toEqual([]);
    expect(sender.queued).toBe(5);
    await drainUntilSettled(channel, all);
    await all;
    expect(describeFrames(channel.frames)).toEqual([
      'text "a"',
      'chunk 1@0+100/250',
      'chunk 1@100+100/250',
      'chunk 1@200+50/250',
      'text "b"',
      'chunk 2@0+50/50',
      'text "c"',
    ]);
    expect(sender.queued).toBe(0);
  });

  it('waits between chunks when the channel fills up, and resumes on bufferedamountlow', async () => {
    const { channel, sender } = setup();
    const progress: number[] = [];
    const done = sender.transfer(counting(1000), new AbortController().signal, (report) => progress.push(report.bytes));
    await settle();
    // Eight 116-byte frames fit under 1000 bytes; the ninth would not.
    expect(channel.frames).toHaveLength(8);
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800]);
    await drainUntilSettled(channel, done);
    await done;
    expect(progress.at(-1)).toBe(1000);
    expect(channel.peakBufferedAmount).toBeLessThanOrEqual(options.flowControl.highWatermarkBytes);
  });

  it('on abort midway sends an abort frame, rejects with the reason, and still runs the job behind it', async () => {
    const { channel, sender } = setup();
    const controller = new AbortController();
    const progress: number[] = [];
    const transfer = sender.transfer(counting(2000), controller.signal, (report) => progress.push(report.bytes));
    const next = sender.sendText('"next"', 6);
    await settle();
    expect(channel.frames).toHaveLength(8);
    const reason = new Error('unsubscribed');
    controller.abort(reason);
    await expect(transfer).rejects.toBe(reason);
    await expect(next).resolves.toBeUndefined();
    const wire = describeFrames(channel.frames);
    // The receiver learns to drop the 800 bytes it has, and the text behind is not lost.
    expect(wire.slice(8)).toEqual(['abort 1', 'text "next"']);
    expect(progress).toHaveLength(8);
    expect(sender.queued).toBe(0);
  });

  it('sends no abort frame when aborted before any chunk went out', async () => {
    const { channel, sender } = setup();
    channel.bufferedAmount = 1000;
    const controller = new AbortController();
    const transfer = sender.transfer(counting(300), controller.signal, () => undefined);
    await settle();
    controller.abort(new Error('stop'));
    await expect(transfer).rejects.toThrow('stop');
    expect(channel.frames).toEqual([]);
    expect(channel.listeners).toBe(0);
  });

  it('rejects a transfer whose signal is already aborted without sending anything', async () => {
    const { channel, sender } = setup();
    const transfer = sender.transfer(counting(300), AbortSignal.abort(new Error('too late')), () => undefined);
    await expect(transfer).rejects.toThrow('too late');
    expect(channel.frames).toEqual([]);
  });

  it('refuses a transfer over maxTransferBytes with ConnectionError too-large, sending nothing', async () => {
    const { channel, sender } = setup();
    const progress: TransferProgress[] = [];
    const transfer = sender.transfer(new Uint8Array(10_001), new AbortController().signal, (report) => progress.push(report));
    await expect(transfer).rejects.toSatisfy(isConnectionError('too-large'));
    expect(channel.frames).toEqual([]);
    expect(progress).toEqual([]);
    // The refusal does not block the queue.
    await sender.sendText('"still here"', 12);
    expect(channel.frames).toEqual(['"still here"']);
  });

  it('accepts a transfer of exactly maxTransferBytes', async () => {
    const { channel, sender } = setup({ ...options, flowControl: { highWatermarkBytes: 1_000_000, lowWatermarkBytes: 0 } });
    await sender.transfer(new Uint8Array(10_000), new AbortController().signal, () => undefined);
    expect(channel.frames).toHaveLength(100);
  });

  it('rejects with ConnectionError closed when send throws midway, without an abort frame', async () => {
    const { channel, sender } = setup();
    const transfer = sender.transfer(counting(300), new AbortController().signal, () => undefined);
    channel.sendFailure = new Error('closing');
    await expect(transfer).rejects.toSatisfy(isConnectionError('closed'));
    expect(channel.frames).toEqual([]);
  });

  it('rejects with ConnectionError closed when the channel closes while a transfer waits for room', async () => {
    const { channel, sender } = setup();
    const transfer = sender.transfer(counting(2000), new AbortController().signal, () => undefined);
    await settle();
    expect(channel.frames).toHaveLength(8);
    channel.close();
    await expect(transfer).rejects.toSatisfy(isConnectionError('closed'));
    expect(channel.listeners).toBe(0);
    // A closed channel gets no abort frame: there is nobody to tell.
    expect(channel.frames).toHaveLength(8);
  });
});

type Step =
  | { readonly kind: 'text'; readonly bytes: number }
  | { readonly kind: 'transfer'; readonly bytes: number }
  | { readonly kind: 'drain'; readonly bytes: number }
  | { readonly kind: 'tick' };

/**
 * Runs random sends interleaved with partial drains, then drains to the end, and checks that
 * the queue never went over the high watermark and that every send completed.
 */
async function checkWatermark(flowOptions: ChannelOptions, steps: readonly Step[]): Promise<void> {
  const { channel, sender } = setup(flowOptions);
  const sends: Array<Promise<void>> = [];
  for (const step of steps) {
    switch (step.kind) {
      case 'text':
        sends.push(sender.sendText('x'.repeat(step.bytes), step.bytes));
        break;
      case 'transfer':
        sends.push(sender.transfer(new Uint8Array(step.bytes), new AbortController().signal, () => undefined));
        break;
      case 'drain':
        channel.drain(step.bytes);
        await settle();
        break;
      case 'tick':
        await settle();
        break;
    }
  }
  await drainUntilSettled(channel, Promise.all(sends));
  await Promise.all(sends);
  expect(channel.peakBufferedAmount).toBeLessThanOrEqual(flowOptions.flowControl.highWatermarkBytes);
  expect(channel.frames.filter((frame) => typeof frame === 'string').map((frame) => frame.length)).toEqual(
    steps.filter((step) => step.kind === 'text').map((step) => step.bytes),
  );
}

const stepsUpTo = (maxFrameBytes: number, chunkBytes: number) =>
  fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('text' as const), bytes: fc.integer({ min: 1, max: maxFrameBytes }) }),
      fc.record({ kind: fc.constant('transfer' as const), bytes: fc.integer({ min: 0, max: chunkBytes * 5 }) }),
      fc.record({ kind: fc.constant('drain' as const), bytes: fc.integer({ min: 0, max: 1200 }) }),
      fc.constant({ kind: 'tick' as const }),
    ),
    { maxLength: 40 },
  );

describe('ChannelSender flow control (property)', () => {
  it('never queues past the high watermark when every frame fits in high minus low watermark', async () => {
    // high 1000, low 250: frames of at most 750 bytes (text) or 16 + 734 (chunks).
    const flowOptions: ChannelOptions = { ...options, chunkBytes: 750 - FRAME_HEADER_BYTES };
    await fc.assert(
      fc.asyncProperty(stepsUpTo(750, flowOptions.chunkBytes), (steps) => checkWatermark(flowOptions, steps)),
      { numRuns: 300 },
    );
  });

  it('never queues past the high watermark when every frame is at most the high watermark', async () => {
    const flowOptions: ChannelOptions = { ...options, chunkBytes: 1000 - FRAME_HEADER_BYTES };
    await fc.assert(
      fc.asyncProperty(stepsUpTo(1000, flowOptions.chunkBytes), (steps) => checkWatermark(flowOptions, steps)),
      { numRuns: 300 },
    );
  });
});
