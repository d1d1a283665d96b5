import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeAbort, encodeChunk, FrameKind, type BinaryFrame } from './binaryFrames.ts';
import { TransferAssembler, type AssemblerOptions } from './TransferAssembler.ts';
import { TransferBudget } from './TransferBudget.ts';

const limits = { maxTransferBytes: 1024, maxPendingBytes: 1536 };
/** An assembler with a budget of its own (the page's is shared by every test of the file). */
const assemblerWith = (options: AssemblerOptions = {}, assemblerLimits = limits) =>
  new TransferAssembler(assemblerLimits, { budget: new TransferBudget({ maxTransfers: 8, maxBytes: 1 << 20 }), ...options });
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
    const assembler = assemblerWith();
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
    const assembler = assemblerWith();
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
    const assembler = assemblerWith();
    const [first, second] = chunksOf(3, new Uint8Array(2048), 1024);
    expect(assembler.accept(first!)).toMatchObject({ type: 'rejected', reason: 'too-large' });
    expect(assembler.pendingBytes).toBe(0);
    expect(assembler.accept(second!)).toEqual({ type: 'ignored', transferId: 3 });
  });

  it('bounds the bytes held across unfinished transfers', () => {
    const assembler = assemblerWith();
    assembler.accept(chunksOf(1, new Uint8Array(1000), 10)[0]!);
    expect(assembler.accept(chunksOf(2, new Uint8Array(1000), 10)[0]!)).toMatchObject({ type: 'rejected', reason: 'too-large' });
  });

  it('drops an aborted transfer and frees its bytes', () => {
    const assembler = assemblerWith();
    const [first, second] = chunksOf(5, new Uint8Array(200), 100);
    assembler.accept(first!);
    expect(assembler.pendingBytes).toBe(200);
    expect(assembler.accept(frame(encodeAbort(5)))).toEqual({ type: 'aborted', transferId: 5 });
    expect(assembler.pendingBytes).toBe(0);
    expect(assembler.accept(second!).type).toBe('ignored');
  });

  it('rejects a transfer whose chunks disagree on its size', () => {
    const assembler = assemblerWith();
    assembler.accept(chunksOf(9, new Uint8Array(300), 100)[0]!);
    expect(assembler.accept(chunksOf(9, new Uint8Array(400), 100)[1]!)).toMatchObject({ type: 'rejected', reason: 'malformed' });
    expect(assembler.pendingBytes).toBe(0);
  });

  it('rebuilds any payload from any chunk size (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 1024 }), fc.integer({ min: 1, max: 300 }), (bytes, size) => {
        const assembler = assemblerWith();
        const results = chunksOf(1, bytes, size).map((chunk) => assembler.accept(chunk));
        const last = results.at(-1)!;
        expect(last.type).toBe('complete');
        expect(last.type === 'complete' && new Uint8Array(last.data)).toEqual(bytes);
      }),
    );
  });
  it('allocates nothing for the size a transfer claims: only the pages its chunks land in', () => {
    const sizes: number[] = [];
    const allocate = (bytes: number) => {
      sizes.push(bytes);
      return new Uint8Array(bytes);
    };
    const assembler = assemblerWith({ allocate, pageBytes: 100 }, { maxTransferBytes: 1_000_000, maxPendingBytes: 1_000_000 });
    const claimed = frame(encodeChunk(1, new Uint8Array(1_000_000), 0, 10));
    expect(assembler.accept(claimed)).toMatchObject({ type: 'progress', progress: { bytes: 10, totalBytes: 1_000_000 } });
    expect(sizes).toEqual([100]);
  });

  it('refuses a chunk sent twice: it is never counted again and never completes the transfer', () => {
    const budget = new TransferBudget({ maxTransfers: 8, maxBytes: 1 << 20 });
    const assembler = assemblerWith({ budget });
    const [first, second] = chunksOf(4, new Uint8Array(200).fill(9), 100);
    expect(assembler.accept(first!).type).toBe('progress');
    expect(assembler.accept(first!)).toMatchObject({ type: 'rejected', transferId: 4, reason: 'malformed' });
    expect(assembler.pendingBytes).toBe(0);
    expect(budget.transfers).toBe(0);
    expect(assembler.accept(second!).type).toBe('ignored');
  });

  it('refuses a chunk that overlaps bytes already received', () => {
    const assembler = assemblerWith();
    const bytes = new Uint8Array(300);
    assembler.accept(frame(encodeChunk(2, bytes, 0, 150)));
    expect(assembler.accept(frame(encodeChunk(2, bytes, 100, 150)))).toMatchObject({ type: 'rejected', reason: 'malformed' });
  });

  it('refuses an empty chunk of a transfer that is not empty', () => {
    const assembler = assemblerWith();
    expect(assembler.accept(frame(encodeChunk(3, new Uint8Array(100), 0, 0)))).toMatchObject({ type: 'rejected', reason: 'malformed' });
    expect(assembler.pendingBytes).toBe(0);
  });

  it('claims each transfer from the budget and gives it back when it completes, aborts, is refused or is cleared', () => {
    const budget = new TransferBudget({ maxTransfers: 8, maxBytes: 1 << 20 });
    const assembler = assemblerWith({ budget });
    const [done1, done2] = chunksOf(1, new Uint8Array(200), 100);
    assembler.accept(done1!);
    expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 1, bytes: 200 });
    assembler.accept(done2!);
    assembler.accept(chunksOf(2, new Uint8Array(200), 100)[0]!);
    assembler.accept(frame(encodeAbort(2)));
    assembler.accept(chunksOf(3, new Uint8Array(200), 100)[0]!);
    assembler.accept(frame(encodeChunk(3, new Uint8Array(300), 100, 100)));
    assembler.accept(chunksOf(4, new Uint8Array(200), 100)[0]!);
    expect(budget.transfers).toBe(1);
    assembler.clear();
    expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 0, bytes: 0 });
  });

  it('refuses a transfer the budget has no room for as over-budget, without allocating, and drops its chunks', () => {
    const budget = new TransferBudget({ maxTransfers: 1, maxBytes: 1000 });
    let allocations = 0;
    const allocate = (bytes: number) => {
      allocations++;
      return new Uint8Array(bytes);
    };
    const busy = assemblerWith({ budget, allocate });
    const other = assemblerWith({ budget, allocate });
    busy.accept(chunksOf(1, new Uint8Array(200), 100)[0]!);
    expect(allocations).toBe(1);
    const [first, second] = chunksOf(1, new Uint8Array(200), 100);
    expect(other.accept(first!)).toMatchObject({ type: 'rejected', transferId: 1, reason: 'over-budget' });
    expect(other.accept(second!).type).toBe('ignored');
    expect(allocations).toBe(1);
  });

  it('reports memory it cannot get as out-of-memory, never as a throw, and frees the transfer', () => {
    const budget = new TransferBudget({ maxTransfers: 8, maxBytes: 1 << 20 });
    const allocate = (): Uint8Array<ArrayBuffer> => {
      throw new RangeError('Array buffer allocation failed');
    };
    const assembler = assemblerWith({ budget, allocate });
    const [first, second] = chunksOf(6, new Uint8Array(200), 100);
    const result = assembler.accept(first!);
    expect(result).toMatchObject({ type: 'rejected', transferId: 6, reason: 'out-of-memory' });
    expect(budget.transfers).toBe(0);
    expect(assembler.accept(second!).type).toBe('ignored');
  });

  it('remembers only so many refused transfers, so refusals cannot fill the memory either', () => {
    const assembler = assemblerWith({}, { maxTransferBytes: 10, maxPendingBytes: 10 });
    const tooLarge = (transferId: number) => frame(encodeChunk(transferId, new Uint8Array(11), 0, 1));
    for (let transferId = 1; transferId <= 5000; transferId++) assembler.accept(tooLarge(transferId));
    // The latest refusals are remembered (their chunks dropped quietly), the oldest forgotten.
    expect(assembler.accept(tooLarge(5000)).type).toBe('ignored');
    expect(assembler.accept(tooLarge(1)).type).toBe('rejected');
  });

  it('completes a transfer only when each of its bytes arrived exactly once, whatever the order and repeats (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (bytes, size, picks) => {
          const chunks = chunksOf(1, bytes, size);
          // A sequence of chunks drawn from the transfer: repeats and any order.
          const sent = picks.length > 0 ? picks.map((pick) => chunks[pick % chunks.length]!) : chunks;
          const assembler = assemblerWith();
          const seen = new Set<BinaryFrame>();
          for (const chunk of sent) {
            const result = assembler.accept(chunk);
            const repeat = seen.has(chunk);
            seen.add(chunk);
            if (result.type === 'rejected' || result.type === 'ignored') {
              expect(repeat || result.type === 'ignored').toBe(true);
              return;
            }
            expect(repeat).toBe(false);
            if (result.type === 'complete') {
              expect(seen.size).toBe(chunks.length);
              expect(new Uint8Array(result.data)).toEqual(bytes);
              return;
            }
          }
        },
      ),
    );
  });

  it('never throws on frames that lie about anything (property)', () => {
    const lie = fc.record({
      transferId: fc.integer({ min: 0, max: 3 }),
      byteOffset: fc.integer({ min: 0, max: 1200 }),
      totalBytes: fc.integer({ min: 0, max: 1200 }),
      payload: fc.uint8Array({ maxLength: 300 }),
      abort: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(lie, { maxLength: 40 }), (lies) => {
        const budget = new TransferBudget({ maxTransfers: 2, maxBytes: 2000 });
        const assembler = assemblerWith({ budget });
        for (const { transferId, byteOffset, totalBytes, payload, abort } of lies) {
          const claimed: BinaryFrame = abort
            ? { kind: FrameKind.Abort, transferId }
            : { kind: FrameKind.Chunk, transferId, byteOffset, totalBytes: Math.max(totalBytes, byteOffset + payload.length), payload };
          assembler.accept(claimed);
          expect(budget.transfers).toBeLessThanOrEqual(2);
        }
        assembler.clear();
        expect(budget.bytes).toBe(0);
      }),
    );
  });
});
