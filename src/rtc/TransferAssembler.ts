/**
 * Rebuilds incoming transfers from their chunks, within limits: a remote may claim any size,
 * so nothing is allocated beyond `maxTransferBytes` per transfer or `maxPendingBytes` in all.
 */
import { FrameKind, type BinaryFrame } from './binaryFrames.ts';

export interface TransferProgress {
  readonly transferId: number;
  /** Bytes delivered so far. */
  readonly bytes: number;
  readonly totalBytes: number;
}

export type AssemblyResult =
  | { readonly type: 'progress'; readonly progress: TransferProgress }
  | { readonly type: 'complete'; readonly progress: TransferProgress; readonly data: ArrayBuffer }
  | { readonly type: 'aborted'; readonly transferId: number }
  | { readonly type: 'rejected'; readonly transferId: number; readonly reason: 'too-large' | 'malformed'; readonly detail: string }
  /** A chunk of a transfer that was already rejected or aborted: dropped quietly. */
  | { readonly type: 'ignored'; readonly transferId: number };

export interface AssemblerLimits {
  /** Largest single transfer accepted. */
  readonly maxTransferBytes: number;
  /** Largest sum of unfinished transfers held at once. */
  readonly maxPendingBytes: number;
}

interface Pending {
  readonly buffer: Uint8Array;
  received: number;
}

export class TransferAssembler {
  readonly #limits: AssemblerLimits;
  readonly #pending = new Map<number, Pending>();
  /** Transfers refused or aborted: their later chunks are dropped without a new error. */
  readonly #dropped = new Set<number>();
  #pendingBytes = 0;

  constructor(limits: AssemblerLimits) {
    this.#limits = limits;
  }

  /** Bytes held for unfinished transfers. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /**
   * Takes one decoded frame and says what it completed.
   *
   * @example
   * ```ts
   * const result = assembler.accept(frame);
   * if (result.type === 'complete') deliver(result.data);
   * ```
   */
  accept(frame: BinaryFrame): AssemblyResult {
    const { transferId } = frame;
    if (frame.kind === FrameKind.Abort) {
      this.#release(transferId);
      this.#dropped.add(transferId);
      return { type: 'aborted', transferId };
    }
    if (this.#dropped.has(transferId)) return { type: 'ignored', transferId };

    let pending = this.#pending.get(transferId);
    if (!pending) {
      const refusal = this.#refusal(frame.totalBytes);
      if (refusal) {
        this.#dropped.add(transferId);
        return { type: 'rejected', transferId, reason: 'too-large', detail: refusal };
      }
      pending = { buffer: new Uint8Array(frame.totalBytes), received: 0 };
      this.#pending.set(transferId, pending);
      this.#pendingBytes += frame.totalBytes;
    } else if (pending.buffer.byteLength !== frame.totalBytes) {
      this.#release(transferId);
      this.#dropped.add(transferId);
      return { type: 'rejected', transferId, reason: 'malformed', detail: `transfer ${transferId} changed its size` };
    }

    pending.buffer.set(frame.payload, frame.byteOffset);
    pending.received += frame.payload.byteLength;
    const progress = { transferId, bytes: Math.min(pending.received, frame.totalBytes), totalBytes: frame.totalBytes };
    if (pending.received < frame.totalBytes) return { type: 'progress', progress };
    this.#release(transferId);
    return { type: 'complete', progress, data: pending.buffer.buffer as ArrayBuffer };
  }

  /** Drops every unfinished transfer (the channel closed). */
  clear(): void {
    this.#pending.clear();
    this.#pendingBytes = 0;
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

  #release(transferId: number): void {
    const pending = this.#pending.get(transferId);
    if (!pending) return;
    this.#pending.delete(transferId);
    this.#pendingBytes -= pending.buffer.byteLength;
  }
}
