import { describe, expect, it } from 'vitest';
import { ConnectionError } from './errors.ts';
import { settle, drainUntilSettled, describeFrames, counting, setup, isConnectionError } from '../testing/channelSenderRig.ts';

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
