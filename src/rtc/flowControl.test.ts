import { describe, expect, it } from 'vitest';
import { ConnectionError } from './errors.ts';
import { whenWritable } from './flowControl.ts';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';

class FakeChannel extends CountingEventTarget {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  asChannel(): RTCDataChannel {
    return this as unknown as RTCDataChannel;
  }
}

const flow = { highWatermarkBytes: 1000, lowWatermarkBytes: 250 };

describe('whenWritable', () => {
  it('lets a send through at once while the queue has room', () => {
    const channel = new FakeChannel();
    channel.bufferedAmount = 900;
    expect(whenWritable(channel.asChannel(), 100, flow, 'bob')).toBeUndefined();
  });

  it('waits for bufferedamountlow at the low watermark when the send would pass the high one', async () => {
    const channel = new FakeChannel();
    channel.bufferedAmount = 900;
    const wait = whenWritable(channel.asChannel(), 101, flow, 'bob');
    expect(wait).toBeInstanceOf(Promise);
    expect(channel.bufferedAmountLowThreshold).toBe(250);
    channel.bufferedAmount = 250;
    channel.dispatchEvent(new Event('bufferedamountlow'));
    await expect(wait).resolves.toBeUndefined();
    expect(channel.listeners).toBe(0);
  });

  it('waits below the low watermark for a frame that needs more room than it leaves', async () => {
    const channel = new FakeChannel();
    channel.bufferedAmount = 900;
    const wait = whenWritable(channel.asChannel(), 900, flow, 'bob');
    expect(channel.bufferedAmountLowThreshold).toBe(100);
    let settled = false;
    void wait?.then(() => (settled = true));
    channel.bufferedAmount = 250;
    channel.dispatchEvent(new Event('bufferedamountlow'));
    await Promise.resolve();
    expect(settled).toBe(false);
    channel.bufferedAmount = 100;
    channel.dispatchEvent(new Event('bufferedamountlow'));
    await expect(wait).resolves.toBeUndefined();
  });

  it('lets a frame larger than the high watermark into an empty queue only', async () => {
    const channel = new FakeChannel();
    channel.bufferedAmount = 10;
    const wait = whenWritable(channel.asChannel(), 5000, flow, 'bob');
    expect(channel.bufferedAmountLowThreshold).toBe(0);
    channel.bufferedAmount = 0;
    channel.dispatchEvent(new Event('bufferedamountlow'));
    await expect(wait).resolves.toBeUndefined();
    expect(whenWritable(channel.asChannel(), 5000, flow, 'bob')).toBeUndefined();
  });

  it('rejects with a typed error when the channel closes meanwhile, leaving no listener', async () => {
    const channel = new FakeChannel();
    channel.bufferedAmount = 2000;
    const wait = whenWritable(channel.asChannel(), 1, flow, 'bob');
    channel.dispatchEvent(new Event('close'));
    await expect(wait).rejects.toSatisfy(
      (error) => error instanceof ConnectionError && error.reason === 'closed' && error.peerId === 'bob',
    );
    expect(channel.listeners).toBe(0);
  });

  it('rejects at once on a channel that is not open', async () => {
    const channel = new FakeChannel();
    channel.readyState = 'closing';
    await expect(whenWritable(channel.asChannel(), 1, flow, 'bob')).rejects.toBeInstanceOf(ConnectionError);
  });

  it('rejects with the abort reason when aborted, leaving no listener', async () => {
    const channel = new FakeChannel();
    channel.bufferedAmount = 2000;
    const controller = new AbortController();
    const wait = whenWritable(channel.asChannel(), 1, flow, 'bob', controller.signal);
    controller.abort(new Error('unsubscribed'));
    await expect(wait).rejects.toThrow('unsubscribed');
    expect(channel.listeners).toBe(0);
  });
});
