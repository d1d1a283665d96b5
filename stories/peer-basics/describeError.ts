/**
 * An error as one line of text for a story's status or error list.
 */

/**
 * Names the error, its `reason` when it is a peerstage error, and its message.
 *
 * @example
 * ```ts
 * describeError(error); // 'SignalingError (id-taken): ID "ada" is taken'
 * ```
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const reason = 'reason' in error && typeof error.reason === 'string' ? ` (${error.reason})` : '';
  return `${error.name}${reason}: ${error.message}`;
}
