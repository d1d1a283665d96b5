/**
 * When to try again after the signaling server is lost: a small injectable policy, like
 * livekit's `DefaultReconnectPolicy`. The default backs off exponentially with jitter (so a
 * room full of members does not stampede a restarted server) and gives up after a bound.
 */

export interface ReconnectPolicy {
  /**
   * The delay before retry number `attempt` (1 for the first retry), in ms, or `null` to give
   * up. `attempt` restarts at 1 after every success.
   */
  delayMs(attempt: number): number | null;
}

export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly initialDelayMs: number;
  /** Upper bound of any one delay (before jitter). */
  readonly maxDelayMs: number;
  /** Growth of the delay from one retry to the next. */
  readonly multiplier: number;
  /** Each delay is spread by up to ± this fraction of itself. */
  readonly jitterRatio: number;
  /** Retries before giving up. */
  readonly maxAttempts: number;
  /** Source of randomness in [0, 1), for reproducible tests. */
  readonly random: () => number;
}

/** About two minutes of retries, at most five seconds apart. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 250,
  maxDelayMs: 5_000,
  multiplier: 2,
  jitterRatio: 0.25,
  maxAttempts: 30,
  random: Math.random,
};

/**
 * Exponential backoff with jitter and a bound on attempts.
 *
 * @example
 * ```ts
 * const policy = backoffPolicy({ initialDelayMs: 100, maxAttempts: 5, jitterRatio: 0 });
 * policy.delayMs(1); // 100
 * policy.delayMs(3); // 400
 * policy.delayMs(6); // null: give up
 * ```
 */
export function backoffPolicy(options: Partial<BackoffOptions> = {}): ReconnectPolicy {
  const { initialDelayMs, maxDelayMs, multiplier, jitterRatio, maxAttempts, random } = { ...DEFAULT_BACKOFF, ...options };
  return {
    delayMs(attempt) {
      if (attempt < 1 || attempt > maxAttempts) return null;
      const base = Math.min(maxDelayMs, initialDelayMs * multiplier ** (attempt - 1));
      const spread = base * jitterRatio * (2 * random() - 1);
      return Math.max(0, Math.round(base + spread));
    },
  };
}
