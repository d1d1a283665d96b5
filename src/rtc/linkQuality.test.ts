import { of, toArray, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { statsSample } from '../testing/statsSample.ts';
import { LINK_THRESHOLDS, linkQuality, toLinkQuality } from './linkQuality.ts';

describe('linkQuality', () => {
  it('is good on a short round trip without loss', () => {
    expect(linkQuality(null, statsSample({ packetsReceived: 500 }))).toEqual({
      level: 'good',
      roundTripMs: 3,
      lossRatio: 0,
      relayed: false,
    });
  });

  it('is fair, then poor, as the round trip grows', () => {
    expect(linkQuality(null, statsSample({ roundTripMs: LINK_THRESHOLDS.fair.roundTripMs })).level).toBe('fair');
    expect(linkQuality(null, statsSample({ roundTripMs: LINK_THRESHOLDS.poor.roundTripMs - 1 })).level).toBe('fair');
    expect(linkQuality(null, statsSample({ roundTripMs: LINK_THRESHOLDS.poor.roundTripMs })).level).toBe('poor');
  });

  it('counts loss since the previous sample, not since the call began', () => {
    const before = statsSample({ packetsLost: 100, packetsReceived: 900 });
    // 5 lost of the last 100: poor would need 8 %.
    const now = statsSample({ packetsLost: 105, packetsReceived: 995 });
    expect(linkQuality(before, now)).toMatchObject({ level: 'fair', lossRatio: 0.05 });
    expect(linkQuality(now, statsSample({ packetsLost: 115, packetsReceived: 1_085 }))).toMatchObject({ level: 'poor', lossRatio: 0.1 });
  });

  it('says nothing of loss when no packet moved or a counter went back', () => {
    const quiet = statsSample({ packetsLost: 5, packetsReceived: 100 });
    expect(linkQuality(quiet, quiet).lossRatio).toBeNull();
    expect(linkQuality(quiet, statsSample({ packetsLost: 0, packetsReceived: 10 })).lossRatio).toBeNull();
    expect(linkQuality(null, statsSample({ roundTripMs: null })).level).toBe('good');
  });

  it('tells a relayed link from a direct one', () => {
    expect(linkQuality(null, statsSample({ remoteCandidateType: 'relay' })).relayed).toBe(true);
    expect(linkQuality(null, statsSample({ localCandidateType: 'srflx' })).relayed).toBe(false);
  });

  it('as an operator, counts each sample against the one before', async () => {
    const samples = [
      statsSample({ packetsReceived: 100 }),
      statsSample({ packetsLost: 10, packetsReceived: 190 }),
      statsSample({ packetsLost: 10, packetsReceived: 290 }),
    ];
    const levels = await firstValueFrom(of(...samples).pipe(toLinkQuality(), toArray()));
    expect(levels.map((quality) => [quality.level, quality.lossRatio])).toEqual([
      ['good', 0],
      ['poor', 0.1],
      ['good', 0],
    ]);
  });
});
