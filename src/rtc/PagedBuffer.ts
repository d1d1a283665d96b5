/**
 * The bytes of one incoming transfer, held in pages allocated only when bytes are written to
 * them: a remote that claims 256 MiB and sends 64 KiB makes the page hold one page, not the
 * claim. The pages become one ArrayBuffer at the end (a transfer that fits one page is that
 * page, with no copy).
 */

/** Makes zeroed memory of `bytes` bytes; throws a RangeError when there is none to be had. */
export type Allocate = (bytes: number) => Uint8Array<ArrayBuffer>;

/** Four frames of the default 64 KiB: allocations stay few, a lone chunk holds little. */
export const DEFAULT_PAGE_BYTES = 256 * 1024;

export interface PagedBufferOptions {
  readonly pageBytes?: number;
  readonly allocate?: Allocate;
}

const allocateZeroed: Allocate = (bytes) => new Uint8Array(bytes);

export class PagedBuffer {
  /** The length of the whole. */
  readonly length: number;
  readonly #pageBytes: number;
  readonly #allocate: Allocate;
  readonly #pages: Array<Uint8Array<ArrayBuffer> | undefined>;
  #allocated = 0;

  constructor(length: number, { pageBytes = DEFAULT_PAGE_BYTES, allocate = allocateZeroed }: PagedBufferOptions = {}) {
    this.length = length;
    this.#pageBytes = pageBytes;
    this.#allocate = allocate;
    this.#pages = new Array<Uint8Array<ArrayBuffer> | undefined>(Math.ceil(length / pageBytes));
  }

  /** Bytes allocated so far. */
  get allocatedBytes(): number {
    return this.#allocated;
  }

  /**
   * Copies `bytes` in at `offset` (which the caller has checked against `length`), allocating
   * the pages it lands in. Throws the allocator's RangeError when memory runs out.
   *
   * @example
   * ```ts
   * import type { ChunkFrame } from './binaryFrames.ts';
   * declare const chunk: ChunkFrame;
   * const buffer = new PagedBuffer(chunk.totalBytes);
   * buffer.write(chunk.byteOffset, chunk.payload);
   * ```
   */
  write(offset: number, bytes: Uint8Array): void {
    let written = 0;
    while (written < bytes.byteLength) {
      const at = offset + written;
      const index = Math.floor(at / this.#pageBytes);
      const page = this.#page(index);
      const within = at - index * this.#pageBytes;
      const length = Math.min(page.byteLength - within, bytes.byteLength - written);
      page.set(bytes.subarray(written, written + length), within);
      written += length;
    }
  }

  /**
   * The whole as one ArrayBuffer, bytes never written being zero. The buffer gives up its
   * pages: join it once. Throws the allocator's RangeError when memory runs out.
   *
   * @example
   * ```ts
   * declare const buffer: PagedBuffer;
   * const whole: ArrayBuffer = buffer.join();
   * ```
   */
  join(): ArrayBuffer {
    const pages = this.#pages;
    if (pages.length === 0) return new ArrayBuffer(0);
    if (pages.length === 1) return this.#page(0).buffer;
    const whole = this.#allocate(this.length);
    pages.forEach((page, index) => {
      if (page) whole.set(page, index * this.#pageBytes);
    });
    pages.fill(undefined);
    return whole.buffer;
  }

  #page(index: number): Uint8Array<ArrayBuffer> {
    const existing = this.#pages[index];
    if (existing) return existing;
    const size = Math.min(this.#pageBytes, this.length - index * this.#pageBytes);
    const page = this.#allocate(size);
    this.#pages[index] = page;
    this.#allocated += size;
    return page;
  }
}
