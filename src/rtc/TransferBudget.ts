/**
 * How much the page lets remotes make it hold in incoming transfers, all channels together.
 * Each channel has its own limits (`ChannelLimits`), but anyone who can open channels can open
 * many: only a budget shared by the page bounds what they add up to. A transfer claims its
 * declared size when its first chunk comes and gives it back when it completes, aborts, is
 * refused or its channel closes; a transfer the budget has no room for is refused outright.
 */

const MiB = 1024 * 1024;

export interface TransferBudgetLimits {
  /** Incoming transfers being assembled at once, page-wide. */
  readonly maxTransfers: number;
  /** Bytes those transfers may claim in all (their declared sizes), page-wide. */
  readonly maxBytes: number;
}

/**
 * Two of the largest transfers a channel takes by default (256 MiB each) at once, and a few
 * small ones beside them: more than a page needs to receive files, far less than the GiBs a
 * stranger opening channels could otherwise claim.
 */
export const DEFAULT_TRANSFER_BUDGET: TransferBudgetLimits = {
  maxTransfers: 16,
  maxBytes: 512 * MiB,
};

/** One transfer's claim on a budget. */
export interface TransferLease {
  /** The bytes it claimed. */
  readonly bytes: number;
  /** Gives the claim back. Idempotent. */
  release(): void;
}

export class TransferBudget {
  readonly limits: TransferBudgetLimits;
  #transfers = 0;
  #bytes = 0;

  constructor(limits: TransferBudgetLimits = DEFAULT_TRANSFER_BUDGET) {
    this.limits = limits;
  }

  /** Transfers holding a claim now. */
  get transfers(): number {
    return this.#transfers;
  }

  /** Bytes claimed now. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Claims room for one transfer of `bytes`: a lease to release when the transfer ends, or a
   * description of why there is no room (a string, as `decodeFrame` answers).
   *
   * @example
   * ```ts
   * const lease = pageTransferBudget().claim(50_000_000);
   * if (typeof lease === 'string') console.warn(`refused: ${lease}`);
   * else lease.release(); // when the transfer ends
   * ```
   */
  claim(bytes: number): TransferLease | string {
    if (!Number.isSafeInteger(bytes) || bytes < 0) return `a transfer of ${bytes} bytes is not a size`;
    const { maxTransfers, maxBytes } = this.limits;
    if (this.#transfers >= maxTransfers) return `the page already receives ${maxTransfers} transfers, its most at once`;
    if (this.#bytes + bytes > maxBytes) {
      return `a transfer of ${bytes} bytes would take the page's transfers past ${maxBytes} bytes (${this.#bytes} claimed)`;
    }
    this.#transfers++;
    this.#bytes += bytes;
    let released = false;
    return {
      bytes,
      release: () => {
        if (released) return;
        released = true;
        this.#transfers--;
        this.#bytes -= bytes;
      },
    };
  }
}

let pageBudget: TransferBudget | undefined;

/**
 * The page's budget (one per realm: per window, worker or test process), shared by every
 * channel not given one of its own through `ChannelOptions.transferBudget`.
 *
 * @example
 * ```ts
 * const { transfers, bytes } = pageTransferBudget(); // what remotes are sending the page now
 * ```
 */
export function pageTransferBudget(): TransferBudget {
  pageBudget ??= new TransferBudget();
  return pageBudget;
}
