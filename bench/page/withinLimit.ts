/**
 * A bound on bench rounds that may never finish (a room that does not come together): the
 * round fails with words instead of holding the suite until its own timeout.
 */

/**
 * `work`, or an error naming `what` when it has not finished within `limitMs`, with what
 * `explain` says of where it stood then (each member's join, say).
 *
 * @example
 * ```ts
 * await withinLimit('a room of 6', Promise.all(joins), 90_000, () => joinProgress(indices));
 * ```
 */
export async function withinLimit<T>(what: string, work: Promise<T>, limitMs: number, explain?: () => Promise<string>): Promise<T> {
  let timer = 0;
  const limit = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => {
      const failed = `${what} did not finish within ${limitMs / 1_000} s`;
      if (!explain) return reject(new Error(failed));
      explain().then(
        (where) => reject(new Error(`${failed}:\n${where}`)),
        () => reject(new Error(failed)),
      );
    }, limitMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
