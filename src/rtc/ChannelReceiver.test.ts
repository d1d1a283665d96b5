import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAbort, encodeChunk, FRAME_HEADER_BYTES, FRAME_VERSION, FrameKind } from './binaryFrames.ts';
import type { ChannelLimits, ChannelOptions } from './channelOptions.ts';
import { ChannelReceiver, type IncomingTransfer, type ReceiverOptions, type ReceiverSink } from './ChannelReceiver.ts';
import { ChannelSender } from './ChannelSender.ts';
import { ConnectionError } from './errors.ts';
import { TransferBudget } from './TransferBudget.ts';
import { utf8ByteLength } from './utf8ByteLength.ts';

const limits: ChannelLimits = { maxMessageBytes: 100, maxTransferBytes: 1000, maxPendingBytes: 1500 };

/** Records every sink call, in one list so the order across kinds is visible too. */
class RecordingSink implements ReceiverSink {
  readonly calls: Array<
    | { readonly kind: 'message'; readonly data: unknown }
    | { readonly kind: 'transfer'; readonly progress: IncomingTransfer }
    | { readonly kind: 'error'; readonly error: ConnectionError }
  > = [];

  message(data: unknown): void {
    this.calls.push({ kind: 'message', data });
  }
  transfer(progress: IncomingTransfer): void {
    this.calls.push({ kind: 'transfer', progress });
  }
  error(error: ConnectionError): void {
    this.calls.push({ kind: 'error', error });
  }

  get messages(): unknown[] {
    return this.calls.flatMap((call) => (call.kind === 'message' ? [call.data] : []));
  }
  get transfers(): IncomingTransfer[] {
    return this.calls.flatMap((call) => (call.kind === 'transfer' ? [call.progress] : []));
  }
  get errors(): ConnectionError[] {
    return this.calls.flatMap((call) => (call.kind === 'error' ? [call.error] : []));
  }
}

/** A receiver with a budget of its own unless told (the page's is shared by every test of the file). */
function setup(receiverLimits: ChannelLimits = limits, options: ReceiverOptions = {}) {
  const sink = new RecordingSink();
  const budget = options.budget ?? new TransferBudget({ maxTransfers: 16, maxBytes: 1 << 20 });
  const receiver = new ChannelReceiver('bob', receiverLimits, sink, { ...options, budget });
  return { sink, receiver, budget };
}

const counting = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 13) % 256);

/** Chunk frames of `bytes` as a well-behaved sender would cut them. */
function chunks(transferId: number, bytes: Uint8Array, size: number): ArrayBuffer[] {
  const frames: ArrayBuffer[] = [];
  let offset = 0;
  do {
    const length = Math.min(size, bytes.byteLength - offset);
    frames.push(encodeChunk(transferId, bytes, offset, length));
    offset += length;
  } while (offset < bytes.byteLength);
  return frames;
}

/** A frame with any header at all, to play a remote that lies. */
function rawFrame(
  kind: number,
  version: number,
  transferId: number,
  byteOffset: number,
  totalBytes: number,
  payload: Uint8Array,
): ArrayBuffer {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  const view = new DataView(frame.buffer);
  view.setUint8(0, kind);
  view.setUint8(1, version);
  view.setUint32(4, transferId, true);
  view.setUint32(8, byteOffset, true);
  view.setUint32(12, totalBytes, true);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame.buffer;
}

const hasReason = (reason: string) => (error: unknown) =>
  error instanceof ConnectionError && error.reason === reason && error.peerId === 'bob';

describe('ChannelReceiver text', () => {
  it('parses JSON text into values', () => {
    const { sink, receiver } = setup();
    receiver.receive('{"text":"hello","n":[1,2]}');
    receiver.receive('"plain string"');
    receiver.receive('null');
    receiver.receive('42');
    expect(sink.messages).toEqual([{ text: 'hello', n: [1, 2] }, 'plain string', null, 42]);
    expect(sink.errors).toEqual([]);
  });

  it('reports text that is not JSON as malformed and still delivers what follows', () => {
    const { sink, receiver } = setup();
    receiver.receive('{not json');
    receiver.receive('');
    receiver.receive('{"after":true}');
    expect(sink.errors).toHaveLength(2);
    expect(sink.errors.every(hasReason('malformed'))).toBe(true);
    // The parser's own error is kept for whoever debugs the remote.
    expect(sink.errors[0]?.cause).toBeInstanceOf(SyntaxError);
    expect(sink.messages).toEqual([{ after: true }]);
  });

  it('refuses text longer than maxMessageBytes as too-large, accepting text at the limit', () => {
    const { sink, receiver } = setup();
    const atLimit = JSON.stringify('x'.repeat(98));
    receiver.receive(atLimit);
    receiver.receive(JSON.stringify('x'.repeat(99)));
    expect(sink.messages).toEqual(['x'.repeat(98)]);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('too-large'));
  });

  it('refuses text whose UTF-8 size passes maxMessageBytes even when its length does not', () => {
    const { sink, receiver } = setup();
    const text = JSON.stringify('€'.repeat(40)); // 42 characters, 122 UTF-8 bytes
    expect(text.length).toBeLessThanOrEqual(limits.maxMessageBytes);
    expect(utf8ByteLength(text)).toBeGreaterThan(limits.maxMessageBytes);
    receiver.receive(text);
    expect(sink.messages).toEqual([]);
    expect(sink.errors[0]).toSatisfy(hasReason('too-large'));
  });

  it('reports data that is neither a string nor an ArrayBuffer as malformed', () => {
    const { sink, receiver } = setup();
    // A typed array or Blob means the channel's binaryType is not 'arraybuffer': refuse, do not guess.
    const odd: unknown[] = [new Uint8Array(20), new Blob(['{}']), 42, null, undefined, { data: 1 }];
    for (const data of odd) receiver.receive(data);
    expect(sink.errors).toHaveLength(odd.length);
    expect(sink.errors.every(hasReason('malformed'))).toBe(true);
    expect(sink.messages).toEqual([]);
  });
});

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

describe('ChannelReceiver budget and memory', () => {
  it('shares one budget across channels: a transfer beyond it is refused as over-budget, then taken once there is room', () => {
    const budget = new TransferBudget({ maxTransfers: 1, maxBytes: 10_000 });
    const first = setup(limits, { budget });
    const second = setup(limits, { budget });
    const [a1, a2] = chunks(1, counting(200), 100);
    first.receiver.receive(a1!);
    const [b1, b2] = chunks(1, counting(150), 100);
    second.receiver.receive(b1!);
    second.receiver.receive(b2!);
    expect(second.sink.errors).toHaveLength(1);
    expect(second.sink.errors[0]).toSatisfy(hasReason('over-budget'));
    expect(second.sink.messages).toEqual([]);
    first.receiver.receive(a2!);
    for (const frame of chunks(2, counting(150), 100)) second.receiver.receive(frame);
    expect(second.sink.messages).toHaveLength(1);
  });

  it('gives its unfinished transfers back to the budget on clear(), so a closed channel holds nothing', () => {
    const budget = new TransferBudget({ maxTransfers: 4, maxBytes: 10_000 });
    const { receiver } = setup(limits, { budget });
    receiver.receive(chunks(1, counting(300), 100)[0]!);
    receiver.receive(chunks(2, counting(300), 100)[0]!);
    expect(budget.transfers).toBe(2);
    receiver.clear();
    expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 0, bytes: 0 });
  });

  it('reports memory it cannot get as out-of-memory on the sink, and receive() does not throw', () => {
    const allocate = (): Uint8Array<ArrayBuffer> => {
      throw new RangeError('Array buffer allocation failed');
    };
    const { sink, receiver } = setup(limits, { allocate });
    expect(() => receiver.receive(chunks(1, counting(200), 100)[0]!)).not.toThrow();
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('out-of-memory'));
    receiver.receive('{"still":"here"}');
    expect(sink.messages).toEqual([{ still: 'here' }]);
  });

  it('never delivers a transfer completed by a repeated chunk', () => {
    const { sink, receiver } = setup();
    const [first] = chunks(1, counting(200), 100);
    receiver.receive(first!);
    receiver.receive(first!);
    expect(sink.messages).toEqual([]);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('malformed'));
  });
});

/** Anything a remote (or a confused channel) could hand to receive(). */
const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.json({ maxDepth: 2 }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.slice().buffer),
  // Frames with plausible headers but any claims: ids collide, sizes and offsets lie.
  fc
    .record({
      kind: fc.constantFrom<number>(FrameKind.Chunk, FrameKind.Chunk, FrameKind.Abort, 0, 3),
      version: fc.constantFrom(FRAME_VERSION, FRAME_VERSION, FRAME_VERSION, 0, 2),
      transferId: fc.integer({ min: 0, max: 3 }),
      byteOffset: fc.oneof(fc.integer({ min: 0, max: 1200 }), fc.constant(0xffff_ffff)),
      totalBytes: fc.oneof(fc.integer({ min: 0, max: 1200 }), fc.constant(0xffff_ffff)),
      payload: fc.uint8Array({ maxLength: 300 }),
    })
    .map(({ kind, version, transferId, byteOffset, totalBytes, payload }) =>
      rawFrame(kind, version, transferId, byteOffset, totalBytes, payload),
    ),
  fc.anything(),
);

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
