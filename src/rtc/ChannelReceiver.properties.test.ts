import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelOptions } from './channelOptions.ts';
import { ChannelSender } from './ChannelSender.ts';
import { ConnectionError } from './errors.ts';
import { utf8ByteLength } from './utf8ByteLength.ts';
import { setup, anyInput } from '../testing/channelReceiverRig.ts';

describe('ChannelReceiver (properties)', () => {
  it('never throws on any input, and each input makes at most one sink call of each kind', () => {
    fc.assert(
      fc.property(fc.array(anyInput, { maxLength: 30 }), (inputs) => {
        const { sink, receiver } = setup();
        for (const input of inputs) {
          const before = sink.calls.length;
          receiver.receive(input);
          const made = sink.calls.slice(before).map((call) => call.kind);
          expect(new Set(made).size).toBe(made.length);
        }
        for (const error of sink.errors) {
          expect(error).toBeInstanceOf(ConnectionError);
          expect(['malformed', 'too-large']).toContain(error.reason);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('delivers what a ChannelSender sent, identical and in order (round trip)', async () => {
    const options: ChannelOptions = {
      limits: { maxMessageBytes: 10_000, maxTransferBytes: 10_000, maxPendingBytes: 10_000 },
      flowControl: { highWatermarkBytes: 1_000_000, lowWatermarkBytes: 0 },
      chunkBytes: 64,
    };
    const message = fc.oneof(
      fc.json({ maxDepth: 3 }).map((text) => ({ kind: 'text' as const, text })),
      fc.uint8Array({ maxLength: 500 }).map((bytes) => ({ kind: 'binary' as const, bytes })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 12 }), async (messages) => {
        const { sink, receiver } = setup(options.limits);
        // A channel whose far end is the receiver: each frame arrives as the sender writes it.
        const wire = new (class extends EventTarget {
          readyState: RTCDataChannelState = 'open';
          bufferedAmount = 0;
          bufferedAmountLowThreshold = 0;
          send(frame: string | ArrayBuffer | ArrayBufferView): void {
            // The browser hands the far end a copy, never the sender's buffer.
            if (typeof frame === 'string') receiver.receive(frame);
            else if (ArrayBuffer.isView(frame)) receiver.receive(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength));
            else receiver.receive(frame.slice(0));
          }
        })();
        const sender = new ChannelSender(wire as unknown as RTCDataChannel, 'bob', options);
        await Promise.all(
          messages.map((sent) =>
            sent.kind === 'text'
              ? sender.sendText(sent.text, utf8ByteLength(sent.text))
              : sender.transfer(sent.bytes, new AbortController().signal, () => undefined),
          ),
        );
        expect(sink.errors).toEqual([]);
        // ArrayBuffers compared as bytes: toEqual sees no keys on an ArrayBuffer.
        expect(sink.messages.map((data) => (data instanceof ArrayBuffer ? new Uint8Array(data) : data))).toEqual(
          messages.map((sent) => (sent.kind === 'text' ? (JSON.parse(sent.text) as unknown) : sent.bytes)),
        );
        expect(sink.messages.filter((data) => data instanceof ArrayBuffer)).toHaveLength(
          messages.filter((sent) => sent.kind === 'binary').length,
        );
      }),
      { numRuns: 300 },
    );
  });
});
