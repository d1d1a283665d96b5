import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PagedBuffer } from './PagedBuffer.ts';

/** An allocator that records what it was asked for. */
function recordingAllocator() {
  const sizes: number[] = [];
  const allocate = (bytes: number) => {
    sizes.push(bytes);
    return new Uint8Array(bytes);
  };
  return { sizes, allocate };
}

describe('PagedBuffer', () => {
  it('allocates nothing for its length, only the pages that bytes are written to', () => {
    const { sizes, allocate } = recordingAllocator();
    const buffer = new PagedBuffer(1_000_000, { pageBytes: 1000, allocate });
    expect(sizes).toEqual([]);
    buffer.write(0, new Uint8Array(10).fill(1));
    buffer.write(500_500, new Uint8Array(10).fill(2));
    expect(sizes).toEqual([1000, 1000]);
    expect(buffer.allocatedBytes).toBe(2000);
  });

  it('splits a write across the pages it spans, and sizes the last page to what is left', () => {
    const { sizes, allocate } = recordingAllocator();
    const buffer = new PagedBuffer(2500, { pageBytes: 1000, allocate });
    buffer.write(900, new Uint8Array(1600).fill(7));
    expect(sizes).toEqual([1000, 1000, 500]);
    const whole = new Uint8Array(buffer.join());
    expect(whole.length).toBe(2500);
    expect(whole.subarray(0, 900).every((byte) => byte === 0)).toBe(true);
    expect(whole.subarray(900).every((byte) => byte === 7)).toBe(true);
  });

  it('hands over its one page as the whole when the length fits a page, without a copy', () => {
    const { sizes, allocate } = recordingAllocator();
    const buffer = new PagedBuffer(300, { pageBytes: 1000, allocate });
    buffer.write(0, new Uint8Array(300).fill(3));
    const whole = buffer.join();
    expect(sizes).toEqual([300]);
    expect(whole.byteLength).toBe(300);
  });

  it('joins an empty buffer into an empty ArrayBuffer', () => {
    expect(new PagedBuffer(0).join().byteLength).toBe(0);
  });

  it('lets an allocation failure through to its caller, as the RangeError it is', () => {
    const buffer = new PagedBuffer(5000, {
      pageBytes: 1000,
      allocate: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    });
    expect(() => buffer.write(0, new Uint8Array(1))).toThrow(RangeError);
  });

  it('holds exactly the bytes written where they were written (property, against a flat array)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 400 })), { maxLength: 12 }),
        (length, pageBytes, writes) => {
          const buffer = new PagedBuffer(length, { pageBytes });
          const model = new Uint8Array(length);
          for (const [at, bytes] of writes) {
            const offset = at % length;
            const part = bytes.subarray(0, length - offset);
            buffer.write(offset, part);
            model.set(part, offset);
          }
          expect(buffer.allocatedBytes).toBeLessThanOrEqual(length);
          expect(new Uint8Array(buffer.join())).toEqual(model);
        },
      ),
    );
  });
});
