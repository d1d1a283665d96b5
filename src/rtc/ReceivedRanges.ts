/**
 * Which bytes of a transfer have arrived, as sorted disjoint ranges: a chunk that repeats or
 * overlaps bytes already received is told apart from a new one, so no byte is counted twice
 * and a remote cannot complete a transfer by sending one chunk over and over. Chunks from a
 * sender over an ordered channel always extend the last range (one range, constant work);
 * other orders are taken too, up to a bound on the number of gaps kept.
 */

export type RangeAddResult =
  /** The bytes were new and are now counted. */
  | 'added'
  /** Some of the bytes had arrived already: nothing was counted. */
  | 'overlap'
  /** The chunk would open one gap more than allowed: nothing was counted. */
  | 'too-fragmented';

/** Separate ranges kept by default: ample for reordering, small enough to search. */
export const DEFAULT_MAX_RANGES = 1024;

export class ReceivedRanges {
  readonly #maxRanges: number;
  /** Starts and ends (exclusive) of the ranges, sorted, never touching or overlapping. */
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  #bytes = 0;

  constructor(maxRanges: number = DEFAULT_MAX_RANGES) {
    this.#maxRanges = maxRanges;
  }

  /** Bytes received, each counted once. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Separate ranges held. */
  get count(): number {
    return this.#starts.length;
  }

  /**
   * Counts bytes `start` to `end` (exclusive) as received, unless some of them already were.
   *
   * @example
   * ```ts
   * import type { ChunkFrame } from './binaryFrames.ts';
   * declare const ranges: ReceivedRanges, chunk: ChunkFrame;
   * if (ranges.add(chunk.byteOffset, chunk.byteOffset + chunk.payload.byteLength) !== 'added') throw new Error('overlapping chunk');
   * ```
   */
  add(start: number, end: number): RangeAddResult {
    if (end <= start) return 'added';
    const starts = this.#starts;
    const ends = this.#ends;
    const last = starts.length - 1;
    // In order: after (or right at the end of) the last range.
    if (last < 0 || start >= (ends[last] ?? 0)) {
      if (last >= 0 && start === ends[last]) ends[last] = end;
      else if (!this.#push(last + 1, start, end)) return 'too-fragmented';
      this.#bytes += end - start;
      return 'added';
    }
    // `index`: the first range that starts after `start`.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((starts[middle] ?? 0) <= start) low = middle + 1;
      else high = middle;
    }
    const index = low;
    const before = index - 1;
    if (before >= 0 && (ends[before] ?? 0) > start) return 'overlap';
    if (index < starts.length && (starts[index] ?? 0) < end) return 'overlap';
    const joinsBefore = before >= 0 && ends[before] === start;
    const joinsAfter = index < starts.length && starts[index] === end;
    if (joinsBefore && joinsAfter) {
      ends[before] = ends[index] ?? end;
      starts.splice(index, 1);
      ends.splice(index, 1);
    } else if (joinsBefore) {
      ends[before] = end;
    } else if (joinsAfter) {
      starts[index] = start;
    } else if (!this.#push(index, start, end)) {
      return 'too-fragmented';
    }
    this.#bytes += end - start;
    return 'added';
  }

  #push(index: number, start: number, end: number): boolean {
    if (this.#starts.length >= this.#maxRanges) return false;
    this.#starts.splice(index, 0, start);
    this.#ends.splice(index, 0, end);
    return true;
  }
}
