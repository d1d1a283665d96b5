/**
 * The rig of the ChannelReceiver tests (src/rtc/ChannelReceiver.*.test.ts): a sink that records
 * what the receiver delivers, and the frames a remote could send it.
 */
import fc from 'fast-check';
import { encodeChunk, FRAME_HEADER_BYTES, FRAME_VERSION, FrameKind } from '../rtc/binaryFrames.ts';
import type { ChannelLimits } from '../rtc/channelOptions.ts';
import { ChannelReceiver, type IncomingTransfer, type ReceiverOptions, type ReceiverSink } from '../rtc/ChannelReceiver.ts';
import { ConnectionError } from '../rtc/errors.ts';
import { TransferBudget } from '../rtc/TransferBudget.ts';

export const limits: ChannelLimits = { maxMessageBytes: 100, maxTransferBytes: 1000, maxPendingBytes: 1500 };

/** Records every sink call, in one list so the order across kinds is visible too. */
export class RecordingSink implements ReceiverSink {
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
export function setup(receiverLimits: ChannelLimits = limits, options: ReceiverOptions = {}) {
  const sink = new RecordingSink();
  const budget = options.budget ?? new TransferBudget({ maxTransfers: 16, maxBytes: 1 << 20 });
  const receiver = new ChannelReceiver('bob', receiverLimits, sink, { ...options, budget });
  return { sink, receiver, budget };
}

export const counting = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 13) % 256);

/** Chunk frames of `bytes` as a well-behaved sender would cut them. */
export function chunks(transferId: number, bytes: Uint8Array, size: number): ArrayBuffer[] {
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
export function rawFrame(
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

export const hasReason = (reason: string) => (error: unknown) =>
  error instanceof ConnectionError && error.reason === reason && error.peerId === 'bob';

/** Anything a remote (or a confused channel) could hand to receive(). */
export const anyInput: fc.Arbitrary<unknown> = fc.oneof(
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
