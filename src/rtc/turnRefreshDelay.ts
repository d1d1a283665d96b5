/**
 * When a page should fetch its client configuration again so that its TURN credentials never
 * lapse. TURN REST usernames carry their expiry (`<unix seconds>:<id>`, see the server's
 * turnRestCredentials.ts), and a TURN server checks it whenever a relay is allocated — for
 * every member who joins later, every redial — not only at the page's own join.
 */

/** Fetch again when this share of the credentials' remaining life has passed. */
export const TURN_REFRESH_AT = 0.8;
/** Never sooner than this: a clock far off the server's must not turn into a request storm. */
export const MIN_TURN_REFRESH_MS = 60_000;
/** `setTimeout`'s longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const EXPIRY = /^(\d{1,12}):/;

/**
 * Milliseconds until the configuration holding `iceServers` should be fetched again, or
 * `undefined` when none of its credentials expire (static ones, or no TURN at all).
 *
 * @example
 * ```ts
 * turnRefreshDelayMs([{ urls: 'turn:turn.example', username: '1700003600:x', credential: '…' }], 1_700_000_000_000);
 * // → 2_880_000 (48 minutes: 80 % of the hour left)
 * ```
 */
export function turnRefreshDelayMs(iceServers: readonly RTCIceServer[], nowMs: number): number | undefined {
  let earliestS: number | undefined;
  for (const { username } of iceServers) {
    const match = username === undefined ? null : EXPIRY.exec(username);
    if (match) earliestS = Math.min(earliestS ?? Number.POSITIVE_INFINITY, Number(match[1]));
  }
  if (earliestS === undefined) return undefined;
  const delayMs = (earliestS * 1000 - nowMs) * TURN_REFRESH_AT;
  return Math.min(MAX_TIMER_MS, Math.max(MIN_TURN_REFRESH_MS, Math.floor(delayMs)));
}
