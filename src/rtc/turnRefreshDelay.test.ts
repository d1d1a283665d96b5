import { describe, expect, it } from 'vitest';
import { MIN_TURN_REFRESH_MS, turnRefreshDelayMs } from './turnRefreshDelay.ts';

const turn = (username?: string): RTCIceServer => ({ urls: 'turn:10.201.0.1:3478', username, credential: 'c' });

describe('turnRefreshDelayMs', () => {
  it('is 80 % of the time the earliest TURN REST credentials have left', () => {
    const nowMs = 1_700_000_000_000;
    expect(turnRefreshDelayMs([turn('1700003600:a')], nowMs)).toBe(2_880_000);
    expect(turnRefreshDelayMs([turn('1700007200:a'), turn('1700003600:b')], nowMs)).toBe(2_880_000);
  });

  it('is undefined when nothing expires: no TURN, or static credentials', () => {
    expect(turnRefreshDelayMs([], 0)).toBeUndefined();
    expect(turnRefreshDelayMs([{ urls: 'stun:10.201.0.1' }, turn('alice'), turn(undefined)], 0)).toBeUndefined();
  });

  it('waits at least a minute, even for expired credentials or a clock far ahead of the server', () => {
    expect(turnRefreshDelayMs([turn('1700000000:a')], 1_800_000_000_000)).toBe(MIN_TURN_REFRESH_MS);
    expect(turnRefreshDelayMs([turn('1700000030:a')], 1_700_000_000_000)).toBe(MIN_TURN_REFRESH_MS);
  });

  it("stays within setTimeout's range for credentials good for years", () => {
    expect(turnRefreshDelayMs([turn('999999999999:a')], 0)).toBe(2 ** 31 - 1);
  });
});
