import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeAbort, encodeChunk, type BinaryFrame } from './binaryFrames.ts';
import { TransferAssembler } from './TransferAssembler.ts';

const limits = { maxTransferBytes: 1024, maxPendingBytes: 1536 };
const frame = (buffer: ArrayBuffer): BinaryFrame => {
  const decoded = decodeFrame(buffer);
  if (typeof decoded === 'string') throw new Error(decoded);
  return decoded;
};
const chunksOf = (transferId: number, bytes: Uint8Array, size: number): BinaryFrame[] => {
  const frames: BinaryFrame[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    frames.push(frame(encodeChunk(transferId, bytes, offset, Math.min(size, bytes.length - offset))));
  }
  return frames;
};

describe('TransferAssembler', () => {
  it('reports progress per chunk and delivers the whole at the end', () => {
    const assembler = new TransferAssembler(limits);
    const bytes = Uint8Array.from({ length: 250 }, (_, index) => index % 256);
    const results = chunksOf(1, bytes, 100).map((chunk) => assembler.accept(chunk));
    expect(results.map((result) => result.type)).toEqual(['progress', 'progress', 'complete']);
    expect(results.map((result) => (result.type === 'progress' || result.type === 'complete' ? result.progress.bytes : -1))).toEqual([
      100, 200, 250,
    ]);
    const last = results[2]!;
    expect(last.type === 'complete' && new Uint8Array(last.data)).toEqual(bytes);
    expect(assembler.pendingBytes).toBe(0);
  });

  it('keeps interleaved transfers apart', () => {
    const assembler = new TransferAssembler(limits);
    const a = new Uint8Array(200).fill(1);
    const b = new Uint8Array(200).fill(2);
    const [a1, a2] = chunksOf(1, a, 100);
    const [b1, b2] = chunksOf(2, b, 100);
    assembler.accept(a1!);
    assembler.accept(b1!);
    const aDone = assembler.accept(a2!);
    const bDone = assembler.accept(b2!);
    expect(aDone.type === 'complete' && new Uint8Array(aDone.data)).toEqual(a);
    expect(bDone.type === 'complete' && new Uint8Array(bDone.data)).toEqual(b);
  });

  it('refuses a transfer over the limit without allocating it, and drops its later chunks', () => {
    const assembler = new TransferAssembler(limits);
    const [first, second] = chunksOf(3, new Uint8Array(2048), 1024);
    expect(assembler.accept(first!)).toMatchObject({ type: 'rejected', reason: 'too-large' });
    expect(assembler.pendingBytes).toBe(0);
    expect(assembler.accept(second!)).toEqual({ type: 'ignored', transferId: 3 });
  });

  it('bounds the bytes held across unfinished transfers', () => {
    const assembler = new TransferAssembler(limits);
    assembler.accept(chunksOf(1, new Uint8Array(1000), 10)[0]!);
    expect(assembler.accept(chunksOf(2, new Uint8Array(1000), 10)[0]!)).toMatchObject({ type: 'rejected', reason: 'too-large' });
  });

  it('drops an aborted transfer and frees its bytes', () => {
    const assembler = new TransferAssembler(limits);
    const [first, second] = chunksOf(5, new Uint8Array(200), 100);
    assembler.accept(first!);
    expect(assembler.pendingBytes).toBe(200);
    expect(assembler.accept(frame(encodeAbort(5)))).toEqual({ type: 'aborted', transferId: 5 });
    expect(assembler.pendingBytes).toBe(0);
    expect(assembler.accept(second!).type).toBe('ignored');
  });

  it('rejects a transfer whose chunks disagree on its size', () => {
    const assembler = new TransferAssembler(limits);
    assembler.accept(chunksOf(9, new Uint8Array(300), 100)[0]!);
    expect(assembler.accept(chunksOf(9, new Uint8Array(400), 100)[1]!)).toMatchObject({ type: 'rejected', reason: 'malformed' });
    expect(assembler.pendingBytes).toBe(0);
  });

  it('rebuilds any payload from any chunk size (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 1024 }), fc.integer({ min: 1, max: 300 }), (bytes, size) => {
        const assembler = new TransferAssembler(limits);
        const results = chunksOf(1, bytes, size).map((chunk) => assembler.accept(chunk));
        const last = results.at(-1)!;
        expect(last.type).toBe('complete');
        expect(last.type === 'complete' && new Uint8Array(last.data)).toEqual(bytes);
      }),
    );
  });
});
