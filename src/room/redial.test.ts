import { describe, expect, it } from 'vitest';
import { ConnectionError, type ConnectionErrorReason } from '../rtc/errors.ts';
import type { LinkEnd } from './LinkEvent.ts';
import { DEFAULT_REDIAL, dialWorthRetrying, lostWithoutLeaving } from './redial.ts';
import { RoomError } from './RoomError.ts';

describe('dialWorthRetrying', () => {
  const failure = (reason: ConnectionErrorReason) => new ConnectionError(reason, 'bo', reason);

  it('tries again after failures that a busy machine or a glitch explains', () => {
    for (const reason of ['timeout', 'negotiation-failed', 'closed', 'signaling-unavailable'] as const) {
      expect(dialWorthRetrying(failure(reason)), reason).toBe(true);
    }
  });

  it('gives up on a member that is not registered any more, and on anything but a connection failure', () => {
    expect(dialWorthRetrying(failure('peer-unavailable'))).toBe(false);
    expect(dialWorthRetrying(failure('too-large'))).toBe(false);
    expect(dialWorthRetrying(new RoomError('room-full', 'full'))).toBe(false);
    expect(dialWorthRetrying(new Error('boom'))).toBe(false);
  });
});

describe('lostWithoutLeaving', () => {
  it('redials a link whose connection closed or fell silent, in its handshake or after, never one that was answered, left or replaced', () => {
    const verdicts = Object.fromEntries(
      (['bye', 'closed', 'silent', 'refused', 'replaced', 'left'] as const satisfies readonly LinkEnd[]).map((why) => [
        why,
        lostWithoutLeaving(why),
      ]),
    );
    expect(verdicts).toEqual({ bye: false, closed: true, silent: true, refused: false, replaced: false, left: false });
  });
});

describe('DEFAULT_REDIAL', () => {
  it('tries four more times, at most about four seconds apart', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => DEFAULT_REDIAL.delayMs(attempt));
    expect(delays.slice(0, 4).every((delay) => delay !== null && delay >= 375 && delay <= 5_000)).toBe(true);
    expect(delays[4]).toBeNull();
  });
});
