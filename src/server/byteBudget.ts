/**
 * A token bucket of bytes: how much a party may send in a burst, and how fast the allowance
 * comes back. A policy object with its clock injected, so that tests drive time themselves.
 */

export interface ByteBudgetLimits {
  /** Bytes that may arrive at once, from a full bucket. */
  readonly burstBytes: number;
  /** Bytes of allowance that come back each second, up to `burstBytes`. */
  readonly bytesPerSecond: number;
}

export interface ByteBudget {
  /** Spends `bytes` if the budget has them now; false (and nothing spent) if not. */
  take(bytes: number): boolean;
}

/**
 * A full budget of `limits`, reading time from `nowMs` (milliseconds).
 *
 * @example
 * ```ts
 * import type { WebSocket } from 'ws';
 * declare const socket: WebSocket, message: Buffer;
 * const budget = byteBudget({ burstBytes: 256 * 1024, bytesPerSecond: 32 * 1024 });
 * if (!budget.take(message.byteLength)) socket.close(1008);
 * ```
 */
export function byteBudget(limits: ByteBudgetLimits, nowMs: () => number = () => performance.now()): ByteBudget {
  let available = limits.burstBytes;
  let filledAt = nowMs();
  return {
    take(bytes) {
      const now = nowMs();
      available = Math.min(limits.burstBytes, available + ((now - filledAt) / 1000) * limits.bytesPerSecond);
      filledAt = now;
      if (bytes > available) return false;
      available -= bytes;
      return true;
    },
  };
}
