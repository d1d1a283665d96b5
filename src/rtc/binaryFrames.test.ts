import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeAbort, encodeChunk, encodeChunkInto, FRAME_HEADER_BYTES, FrameKind } from './binaryFrames.ts';

describe('binary frames', () => {
  it('round-trips a chunk', () => {
    const source = Uint8Array.from({ length: 100 }, (_, index) => index);
    const frame = decodeFrame(encodeChunk(42, source, 10, 20));
    expect(frame).toEqual({ kind: FrameKind.Chunk, transferId: 42, byteOffset: 10, totalBytes: 100, payload: source.subarray(10, 30) });
  });

  it('round-trips an abort', () => {
    expect(decodeFrame(encodeAbort(7))).toEqual({ kind: FrameKind.Abort, transferId: 7 });
  });

  it('describes what is wrong instead of throwing', () => {
    expect(decodeFrame(new ArrayBuffer(3))).toMatch(/shorter than its header/);
    const wrongVersion = new Uint8Array(encodeAbort(1));
    wrongVersion[1] = 9;
    expect(decodeFrame(wrongVersion.buffer)).toMatch(/version 9/);
    const unknownKind = new Uint8Array(encodeAbort(1));
    unknownKind[0] = 77;
    expect(decodeFrame(unknownKind.buffer)).toMatch(/unknown frame kind 77/);
    const overrun = new Uint8Array(encodeChunk(1, new Uint8Array(8), 0, 8));
    new DataView(overrun.buffer).setUint32(12, 4, true);
    expect(decodeFrame(overrun.buffer)).toMatch(/overruns/);
  });

  it('never throws on arbitrary bytes (fuzzed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: FRAME_HEADER_BYTES * 4 }), (bytes) => {
        const result = decodeFrame(bytes.slice().buffer);
        expect(typeof result === 'string' || typeof result === 'object').toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes every chunk it encodes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.nat(), fc.nat({ max: 0xffffffff }), (bytes, start, transferId) => {
        const byteOffset = start % bytes.length;
        const length = bytes.length - byteOffset;
        const frame = decodeFrame(encodeChunk(transferId, bytes, byteOffset, length));
        expect(frame).toMatchObject({ kind: FrameKind.Chunk, transferId, byteOffset, totalBytes: bytes.length });
        if (typeof frame === 'object' && frame.kind === FrameKind.Chunk) expect(frame.payload).toEqual(bytes.subarray(byteOffset));
      }),
    );
  });

  it('encodes into a reused buffer exactly what it encodes into a new one (property)', () => {
    const reused = new Uint8Array(FRAME_HEADER_BYTES + 512).fill(0xee);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.nat(), fc.nat({ max: 0xffffffff }), (bytes, start, transferId) => {
        const byteOffset = start % bytes.length;
        const length = bytes.length - byteOffset;
        const view = encodeChunkInto(reused, transferId, bytes, byteOffset, length);
        expect(view.buffer).toBe(reused.buffer);
        expect(view).toEqual(new Uint8Array(encodeChunk(transferId, bytes, byteOffset, length)));
      }),
    );
  });
});
