import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAbort, FRAME_VERSION, FrameKind } from './binaryFrames.ts';
import { limits, setup, counting, chunks, rawFrame, hasReason, anyInput } from '../testing/channelReceiverRig.ts';

describe('ChannelReceiver transfers', () => {
  it('reassembles chunks, reporting receiving progress, then complete, then the ArrayBuffer as a message', () => {
    const { sink, receiver } = setup();
    const bytes = counting(250);
    for (const frame of chunks(5, bytes, 100)) receiver.receive(frame);
    expect(sink.calls.map((call) => call.kind)).toEqual(['transfer', 'transfer', 'transfer', 'message']);
    expect(sink.transfers).toEqual([
      { transferId: 5, bytes: 100, totalBytes: 250, state: 'receiving' },
      { transferId: 5, bytes: 200, totalBytes: 250, state: 'receiving' },
      { transferId: 5, bytes: 250, totalBytes: 250, state: 'complete' },
    ]);
    const [message] = sink.messages;
    expect(message).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(message as ArrayBuffer)).toEqual(bytes);
  });

  it('places chunks by their offset, whatever order they come in', () => {
    const { sink, receiver } = setup();
    const bytes = counting(300);
    const [first, second, third] = chunks(1, bytes, 100);
    for (const frame of [third, first, second]) if (frame) receiver.receive(frame);
    expect(new Uint8Array(sink.messages[0] as ArrayBuffer)).toEqual(bytes);
  });

  it('keeps interleaved transfers apart', () => {
    const { sink, receiver } = setup();
    const a = counting(150);
    const b = counting(120).reverse();
    const [a1, a2] = chunks(1, a, 100);
    const [b1, b2] = chunks(2, b, 100);
    for (const frame of [a1, b1, b2, a2]) if (frame) receiver.receive(frame);
    expect(sink.messages.map((message) => new Uint8Array(message as ArrayBuffer))).toEqual([b, a]);
  });

  it('delivers an empty transfer as an empty ArrayBuffer', () => {
    const { sink, receiver } = setup();
    for (const frame of chunks(3, new Uint8Array(0), 100)) receiver.receive(frame);
    expect(sink.transfers).toEqual([{ transferId: 3, bytes: 0, totalBytes: 0, state: 'complete' }]);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]).toBeInstanceOf(ArrayBuffer);
    expect(sink.messages[0]).toHaveProperty('byteLength', 0);
  });

  it('reports an abort after some chunks as an aborted transfer with how far it got', () => {
    const { sink, receiver } = setup();
    const frames = chunks(9, counting(400), 100);
    receiver.receive(frames[0]);
    receiver.receive(frames[1]);
    receiver.receive(encodeAbort(9));
    expect(sink.transfers.at(-1)).toEqual({ transferId: 9, bytes: 200, totalBytes: 400, state: 'aborted' });
    // Chunks still in flight behind the abort are dropped without a word.
    const before = sink.calls.length;
    receiver.receive(frames[2]);
    receiver.receive(frames[3]);
    expect(sink.calls).toHaveLength(before);
    expect(sink.messages).toEqual([]);
  });

  it('says nothing about the abort of a transfer it never saw', () => {
    const { sink, receiver } = setup();
    receiver.receive(encodeAbort(77));
    expect(sink.calls).toEqual([]);
  });

  it('refuses a transfer that declares more than maxTransferBytes as too-large, then drops its chunks quietly', () => {
    const { sink, receiver } = setup();
    const frames = chunks(4, new Uint8Array(1001), 500);
    receiver.receive(frames[0]);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('too-large'));
    receiver.receive(frames[1]);
    receiver.receive(frames[2]);
    expect(sink.calls).toHaveLength(1);
    // Other transfers are unaffected.
    for (const frame of chunks(5, counting(10), 100)) receiver.receive(frame);
    expect(sink.messages).toHaveLength(1);
  });

  it('reports binary frames it cannot decode as malformed', () => {
    const { sink, receiver } = setup();
    receiver.receive(new ArrayBuffer(3));
    receiver.receive(rawFrame(FrameKind.Chunk, FRAME_VERSION + 1, 1, 0, 4, new Uint8Array(4)));
    receiver.receive(rawFrame(99, FRAME_VERSION, 1, 0, 4, new Uint8Array(4)));
    receiver.receive(rawFrame(FrameKind.Chunk, FRAME_VERSION, 1, 2, 4, new Uint8Array(4)));
    expect(sink.errors).toHaveLength(4);
    expect(sink.errors.every(hasReason('malformed'))).toBe(true);
  });

  it('reports a transfer that changes its declared size as malformed', () => {
    const { sink, receiver } = setup();
    receiver.receive(rawFrame(FrameKind.Chunk, FRAME_VERSION, 1, 0, 200, new Uint8Array(100)));
    receiver.receive(rawFrame(FrameKind.Chunk, FRAME_VERSION, 1, 100, 300, new Uint8Array(100)));
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('malformed'));
  });

  it('forgets unfinished transfers on clear(), so a later abort reports nothing', () => {
    const { sink, receiver } = setup();
    const frames = chunks(1, counting(300), 100);
    receiver.receive(frames[0]);
    receiver.clear();
    receiver.receive(encodeAbort(1));
    expect(sink.transfers).toEqual([{ transferId: 1, bytes: 100, totalBytes: 300, state: 'receiving' }]);
  });
});

describe('ChannelReceiver that refuses transfers', () => {
  it('drops every binary frame unread, says so once as unexpected-binary, and goes on taking JSON', () => {
    const { sink, receiver } = setup(limits, { acceptsTransfers: false });
    receiver.receive('{"n":1}');
    for (const frame of chunks(1, counting(250), 100)) receiver.receive(frame);
    receiver.receive(new ArrayBuffer(3));
    receiver.receive(rawFrame(FrameKind.Chunk, FRAME_VERSION, 2, 0, 0xffff_ffff, new Uint8Array(10)));
    receiver.receive('{"n":2}');
    expect(sink.messages).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sink.transfers).toEqual([]);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('unexpected-binary'));
  });

  it('allocates nothing and claims nothing of the budget, whatever binary comes (property)', () => {
    fc.assert(
      fc.property(fc.array(anyInput, { maxLength: 30 }), (inputs) => {
        let allocations = 0;
        const allocate = (bytes: number) => {
          allocations++;
          return new Uint8Array(bytes);
        };
        const { sink, receiver, budget } = setup(limits, { acceptsTransfers: false, allocate });
        for (const input of inputs) receiver.receive(input);
        expect(allocations).toBe(0);
        expect(budget.transfers).toBe(0);
        expect(sink.transfers).toEqual([]);
        expect(sink.errors.filter(hasReason('unexpected-binary')).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
