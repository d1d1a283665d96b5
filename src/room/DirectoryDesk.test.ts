import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerSession } from '../rtc/PeerSession.ts';
import { DirectoryDesk, type ListedMember } from './DirectoryDesk.ts';

/** The desk of `holder`, whose links are to `linked`; the listing alone is under test, so no session is used. */
function deskOf(linked: readonly ListedMember[], maxMembers = 8) {
  return new DirectoryDesk({} as PeerSession, {
    roomId: 'jam',
    key: null,
    maxMembers,
    members: () => [{ id: 'holder' }, ...linked],
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DirectoryDesk listing', () => {
  it('lists everyone linked to the holder but the newcomer and the holder', () => {
    const desk = deskOf([{ id: 'ann', name: 'Ann' }, { id: 'bob' }]);
    expect(desk.listingFor('bob', 'holder')).toEqual([{ id: 'ann', name: 'Ann' }]);
  });

  it('lists a newcomer it listed to those who come after it, before it has any link', () => {
    const desk = deskOf([]);
    expect(desk.listingFor('ann', 'holder')).toEqual([]);
    desk.listed('ann');
    // Ann and Bob join at once: Bob, listed after Ann, dials her.
    expect(desk.listingFor('bob', 'holder')).toEqual([{ id: 'ann' }]);
    desk.listed('bob');
    expect(desk.listingFor('cy', 'holder')).toEqual([{ id: 'ann' }, { id: 'bob' }]);
  });

  it('forgets a listed newcomer that never linked up after a while', () => {
    const desk = deskOf([]);
    desk.listed('ann');
    vi.advanceTimersByTime(15_001);
    expect(desk.listingFor('bob', 'holder')).toEqual([]);
  });

  it('counts listed newcomers toward the room size', () => {
    const desk = deskOf([{ id: 'ann' }], 3);
    expect(desk.refusalFor('bob')).toBeNull();
    desk.listed('bob');
    expect(desk.refusalFor('cy')).toBe('room-full');
  });
});
