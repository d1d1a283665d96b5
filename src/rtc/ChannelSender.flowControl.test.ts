import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME_HEADER_BYTES } from './binaryFrames.ts';
import type { ChannelOptions } from './channelOptions.ts';
import { options, settle, drainUntilSettled, setup } from '../testing/channelSenderRig.ts';

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
