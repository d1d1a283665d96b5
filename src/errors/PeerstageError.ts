/**
 * The base of every error peerstage reports. Subclasses carry a `reason` from a closed union,
 * so callers branch on `instanceof` and `reason` rather than on message text:
 *
 * ```ts
 * session.errors$.subscribe((error) => {
 *   if (error instanceof ConnectionError && error.reason === 'peer-unavailable') console.warn(`${error.peerId} is not there`);
 * });
 * ```
 */
export abstract class PeerstageError<Reason extends string = string> extends Error {
  /** Why it failed, from the subclass's union. */
  readonly reason: Reason;

  protected constructor(reason: Reason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.name = new.target.name;
  }
}
