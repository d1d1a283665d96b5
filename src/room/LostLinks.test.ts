import { describe, expect, it } from 'vitest';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';
import { LOST_LINK_WINDOW_MS, LostLinks } from './LostLinks.ts';

describe('LostLinks', () => {
  const policy = backoffPolicy({ initialDelayMs: 500, maxDelayMs: 4_000, maxAttempts: 3, jitterRatio: 0 });

  it('backs off as one member’s losses pile up, and lets it be once they are too many', () => {
    let now = 0;
    const lostLinks = new LostLinks(policy, LOST_LINK_WINDOW_MS, () => now);
    expect(lostLinks.lost('bo')).toBe(500);
    now += 5_000;
    expect(lostLinks.lost('bo')).toBe(1_000);
    // Another member's losses are its own.
    expect(lostLinks.lost('cy')).toBe(500);
    now += 5_000;
    expect(lostLinks.lost('bo')).toBe(2_000);
    now += 5_000;
    expect(lostLinks.lost('bo')).toBeNull();
  });

  it('starts afresh once the losses are older than the window, and forgets members lost long ago', () => {
    let now = 0;
    const lostLinks = new LostLinks(policy, LOST_LINK_WINDOW_MS, () => now);
    lostLinks.lost('bo');
    lostLinks.lost('bo');
    lostLinks.lost('cy');
    now += LOST_LINK_WINDOW_MS;
    expect(lostLinks.lost('bo')).toBe(500);
    expect(lostLinks.size).toBe(1);
  });
});
