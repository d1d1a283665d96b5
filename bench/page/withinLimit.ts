/**
 * A bound on bench rounds that may never finish (a room that does not come together): the
 * round fails with words instead of holding the suite until its own timeout.
 */

/**
 * `work`, or an error naming `what` when it has not finished within `limitMs`.
 *
 * @example
 * ```ts
 * await withinLimit('a room of 6', Promise.all(joins), 90_000);
 * ```
 */
export async function withinLimit<T>(what: string, work: Promise<T>, limitMs: number): Promise<T> {
  let timer = 0;
  const limit = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`${what} did not finish within ${limitMs / 1_000} s`)), limitMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
