import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReceivedRanges } from './ReceivedRanges.ts';

describe('ReceivedRanges', () => {
  it('merges chunks that arrive in order into one range', () => {
    const ranges = new ReceivedRanges();
    for (let start = 0; start < 1000; start += 100) expect(ranges.add(start, start + 100)).toBe('added');
    expect({ bytes: ranges.bytes, count: ranges.count }).toEqual({ bytes: 1000, count: 1 });
  });

  it('takes chunks in any order, and merges them as the gaps close', () => {
    const ranges = new ReceivedRanges();
    expect(ranges.add(200, 300)).toBe('added');
    expect(ranges.add(0, 100)).toBe('added');
    expect(ranges.count).toBe(2);
    expect(ranges.add(100, 200)).toBe('added');
    expect({ bytes: ranges.bytes, count: ranges.count }).toEqual({ bytes: 300, count: 1 });
  });

  it('refuses a chunk that repeats or overlaps bytes it already has, and counts nothing of it', () => {
    const ranges = new ReceivedRanges();
    ranges.add(0, 100);
    ranges.add(200, 300);
    for (const [start, end] of [
      [0, 100],
      [50, 60],
      [99, 150],
      [150, 201],
      [250, 400],
      [0, 300],
    ] as const) {
      expect(ranges.add(start, end), `${start}-${end}`).toBe('overlap');
    }
    expect({ bytes: ranges.bytes, count: ranges.count }).toEqual({ bytes: 200, count: 2 });
  });

  it('refuses to keep more separate ranges than its limit', () => {
    const ranges = new ReceivedRanges(3);
    for (const start of [0, 20, 40]) expect(ranges.add(start, start + 10)).toBe('added');
    expect(ranges.add(60, 70)).toBe('too-fragmented');
    // Filling a gap makes no new range: still fine.
    expect(ranges.add(10, 20)).toBe('added');
    expect(ranges.add(60, 70)).toBe('added');
    expect(ranges.bytes).toBe(50);
  });

  it('counts every byte once, whatever chunks come in whatever order (property, against a byte map)', () => {
    const chunk = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 40 }));
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 40 }), (chunks) => {
        const ranges = new ReceivedRanges();
        const seen = new Uint8Array(256);
        for (const [start, length] of chunks) {
          const end = start + length;
          const overlaps = seen.subarray(start, end).some((byte) => byte === 1);
          expect(ranges.add(start, end)).toBe(overlaps ? 'overlap' : 'added');
          if (!overlaps) seen.fill(1, start, end);
        }
        expect(ranges.bytes).toBe(seen.reduce((sum, byte) => sum + byte, 0));
        let runs = 0;
        for (let index = 0; index < seen.length; index++) if (seen[index] === 1 && seen[index - 1] !== 1) runs++;
        expect(ranges.count).toBe(runs);
      }),
      { numRuns: 1000 },
    );
  });
});
