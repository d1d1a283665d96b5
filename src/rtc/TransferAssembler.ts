/**
 * Rebuilds incoming transfers from their chunks, within limits: a remote may claim any size,
 * so a transfer is taken only if it fits this channel's limits (`maxTransferBytes` each,
 * `maxPendingBytes` in all) and the page's {@link TransferBudget}, and memory is allocated
 * only for bytes that arrive (see {@link PagedBuffer}), never for the claim. Each byte is
 * counted once ({@link ReceivedRanges}): a repeated chunk ends its transfer as malformed
 * rather than completing it. Running out of memory is an outcome like any other, not a throw.
 */
import { FrameKind, type BinaryFrame } from './binaryFrames.ts';
import { PagedBuffer, type Allocate } from './PagedBuffer.ts';
import { ReceivedRanges } from './ReceivedRanges.ts';
import { pageTransferBudget, type TransferBudget, type TransferLease } from './TransferBudget.ts';

export interface TransferProgress {
  readonly transferId: number;
  /** Bytes delivered so far. */
  readonly bytes: number;
  readonly totalBytes: number;
}

/** Why a transfer was refused. */
export type TransferRefusal =
  /** It claims more than the channel takes. */
  | 'too-large'
  /** Its chunks contradict each other: a changed size, a repeated or overlapping chunk. */
  | 'malformed'
  /** The page's budget has no room for it now. */
  | 'over-budget'
  /** The browser would not give the memory for it. */
  | 'out-of-memory';

export type AssemblyResult =
  | { readonly type: 'progress'; readonly progress: TransferProgress }
  | { readonly type: 'complete'; readonly progress: TransferProgress; readonly data: ArrayBuffer }
  | { readonly type: 'aborted'; readonly transferId: number }
  | { readonly type: 'rejected'; readonly transferId: number; readonly reason: TransferRefusal; readonly detail: string }
  /** A chunk of a transfer that was already rejected or aborted: dropped quietly. */
  | { readonly type: 'ignored'; readonly transferId: number };

export interface AssemblerLimits {
  /** Largest single transfer accepted. */
  readonly maxTransferBytes: number;
  /** Largest sum of unfinished transfers' declared sizes held at once. */
  readonly maxPendingBytes: number;
}

export interface AssemblerOptions {
  /** Where transfers claim their declared sizes; default the page's. */
  readonly budget?: TransferBudget;
  /** Makes the memory of received bytes (for tests: count allocations, fail them). */
  readonly allocate?: Allocate;
  /** Allocation unit of a transfer's bytes. */
  readonly pageBytes?: number;
}

/**
 * Refused or aborted transfers whose later chunks are dropped quietly. Chunks of a transfer
 * follow each other closely on an ordered channel, so the latest few suffice; keeping every
 * one would let a remote grow the set with a refusal per frame.
 */
const MAX_REMEMBERED_DROPS = 1024;

interface Pending {
  readonly totalBytes: number;
  readonly lease: TransferLease;
  readonly buffer: PagedBuffer;
  readonly ranges: ReceivedRanges;
}

export class TransferAssembler {
  readonly #limits: AssemblerLimits;
  readonly #options: AssemblerOptions;
  readonly #budget: TransferBudget;
  readonly #pending = new Map<number, Pending>();
  /** Transfers refused or aborted, oldest first: their later chunks are dropped without a new error. */
  readonly #dropped = new Set<number>();
  #pendingBytes = 0;

  constructor(limits: AssemblerLimits, options: AssemblerOptions = {}) {
    this.#limits = limits;
    this.#options = options;
    this.#budget = options.budget ?? pageTransferBudget();
  }

  /** Declared bytes of unfinished transfers. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /**
   * Takes one decoded frame and says what it completed.
   *
   * @example
   * ```ts
   * import type { BinaryFrame } from './binaryFrames.ts';
   * declare const assembler: TransferAssembler, frame: BinaryFrame;
   * const result = assembler.accept(frame);
   * if (result.type === 'complete') console.log(result.data);
   * ```
   */
  accept(frame: BinaryFrame): AssemblyResult {
    const { transferId } = frame;
    if (frame.kind === FrameKind.Abort) {
      this.#release(transferId);
      this.#drop(transferId);
      return { type: 'aborted', transferId };
    }
    if (this.#dropped.has(transferId)) return { type: 'ignored', transferId };

    const { totalBytes, byteOffset, payload } = frame;
    let pending = this.#pending.get(transferId);
    if (!pending) {
      const refusal = this.#refusal(totalBytes);
      if (refusal) return this.#reject(transferId, 'too-large', refusal);
      const lease = this.#budget.claim(totalBytes);
      if (typeof lease === 'string') return this.#reject(transferId, 'over-budget', lease);
      pending = {
        totalBytes,
        lease,
        buffer: new PagedBuffer(totalBytes, this.#options),
        ranges: new ReceivedRanges(),
      };
      this.#pending.set(transferId, pending);
      this.#pendingBytes += totalBytes;
    } else if (pending.totalBytes !== totalBytes) {
      return this.#reject(transferId, 'malformed', `transfer ${transferId} changed its size`);
    }

    if (payload.byteLength === 0 && totalBytes > 0) {
      return this.#reject(transferId, 'malformed', `transfer ${transferId} sent an empty chunk`);
    }
    const added = pending.ranges.add(byteOffset, byteOffset + payload.byteLength);
    if (added === 'overlap') {
      return this.#reject(
        transferId,
        'malformed',
        `transfer ${transferId} sent bytes ${byteOffset}–${byteOffset + payload.byteLength} again`,
      );
    }
    if (added === 'too-fragmented') {
      return this.#reject(transferId, 'malformed', `transfer ${transferId} left too many gaps between its chunks`);
    }
    const progress = { transferId, bytes: pending.ranges.bytes, totalBytes };
    let data: ArrayBuffer | undefined;
    try {
      pending.buffer.write(byteOffset, payload);
      if (progress.bytes === totalBytes) data = pending.buffer.join();
    } catch (error) {
      return this.#reject(
        transferId,
        'out-of-memory',
        `no memory for transfer ${transferId} of ${totalBytes} bytes: ${describeError(error)}`,
      );
    }
    if (data === undefined) return { type: 'progress', progress };
    this.#release(transferId);
    return { type: 'complete', progress, data };
  }

  /** Drops every unfinished transfer and gives back its claim (the channel closed). */
  clear(): void {
    for (const transferId of [...this.#pending.keys()]) this.#release(transferId);
  }

  #refusal(totalBytes: number): string | undefined {
    if (totalBytes > this.#limits.maxTransferBytes) {
      return `transfer of ${totalBytes} bytes exceeds the limit of ${this.#limits.maxTransferBytes}`;
    }
    if (this.#pendingBytes + totalBytes > this.#limits.maxPendingBytes) {
      return `transfer of ${totalBytes} bytes would hold more than ${this.#limits.maxPendingBytes} bytes in unfinished transfers`;
    }
    return undefined;
  }

  #reject(transferId: number, reason: TransferRefusal, detail: string): AssemblyResult {
    this.#release(transferId);
    this.#drop(transferId);
    return { type: 'rejected', transferId, reason, detail };
  }

  #drop(transferId: number): void {
    this.#dropped.delete(transferId);
    this.#dropped.add(transferId);
    if (this.#dropped.size > MAX_REMEMBERED_DROPS) {
      const oldest = this.#dropped.values().next().value;
      if (oldest !== undefined) this.#dropped.delete(oldest);
    }
  }

  #release(transferId: number): void {
    const pending = this.#pending.get(transferId);
    if (!pending) return;
    this.#pending.delete(transferId);
    this.#pendingBytes -= pending.totalBytes;
    pending.lease.release();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
