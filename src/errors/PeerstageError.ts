/**
 * The base of every error peerstage reports. Subclasses carry a `reason` from a closed union,
 * so callers branch on `instanceof` and `reason` rather than on message text:
 *
 * ```ts
 * if (error instanceof ConnectionError && error.reason === 'peer-unavailable') showOffline(error.peerId);
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
