import { describe, expect, it } from 'vitest';
import { FRAME_HEADER_BYTES } from './binaryFrames.ts';
import type { TransferProgress } from './TransferAssembler.ts';
import {
  options,
  settle,
  drainUntilSettled,
  describeFrames,
  reassemble,
  counting,
  setup,
  isConnectionError,
} from '../testing/channelSenderRig.ts';

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
