/**
 * RxJS's own `retry`, driven by a {@link ReconnectPolicy}.
 */
import { retry, throwError, timer, type MonoTypeOperatorFunction } from 'rxjs';
import type { ReconnectPolicy } from './reconnectPolicy.ts';

export interface RetryWithPolicyOptions {
  /** Which errors are worth a retry; others pass through at once. Default: all. */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Told before each wait, e.g. to show "reconnecting in 2 s". */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/**
 * Resubscribes to the source after an error, waiting as long as `policy` says, until the
 * policy gives up (the last error then goes through). A value from the source counts as a
 * success and starts the attempts over.
 *
 * @example
 * ```ts
 * import { backoffPolicy } from 'peerstage/rtc';
 * defer(() => fetch('/peerstage/config.json')).pipe(retryWithPolicy(backoffPolicy({ maxAttempts: 10 })));
 * ```
 */
export function retryWithPolicy<T>(policy: ReconnectPolicy, options: RetryWithPolicyOptions = {}): MonoTypeOperatorFunction<T> {
  const { isRetryable = () => true, onRetry } = options;
  return retry({
    resetOnSuccess: true,
    delay: (error: unknown, attempt: number) => {
      const delayMs = isRetryable(error) ? policy.delayMs(attempt) : null;
      if (delayMs === null) return throwError(() => error);
      onRetry?.(attempt, delayMs, error);
      return timer(delayMs);
    },
  });
}
