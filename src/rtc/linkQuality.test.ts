import { of, toArray, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ConnectionStats } from './connectionStats.ts';
import { LINK_THRESHOLDS, linkQuality, toLinkQuality } from './linkQuality.ts';

const sample = (overrides: Partial<ConnectionStats>): ConnectionStats => ({
  at: 0,
  roundTripMs: 3,
  bitrateInBps: null,
  bitrateOutBps: null,
  bytesReceived: 0,
  bytesSent: 0,
  packetsLost: 0,
  packetsReceived: 0,
  localCandidateType: 'host',
  remoteCandidateType: 'host',
  ...overrides,
});

describe('linkQuality', () => {
  it('is good on a short round trip without loss', () => {
    expect(linkQuality(null, sample({ packetsReceived: 500 }))).toEqual({ level: 'good', roundTripMs: 3, lossRatio: 0, relayed: false });
  });

  it('is fair, then poor, as the round trip grows', () => {
    expect(linkQuality(null, sample({ roundTripMs: LINK_THRESHOLDS.fair.roundTripMs })).level).toBe('fair');
    expect(linkQuality(null, sample({ roundTripMs: LINK_THRESHOLDS.poor.roundTripMs - 1 })).level).toBe('fair');
    expect(linkQuality(null, sample({ roundTripMs: LINK_THRESHOLDS.poor.roundTripMs })).level).toBe('poor');
  });

  it('counts loss since the previous sample, not since the call began', () => {
    const before = sample({ packetsLost: 100, packetsReceived: 900 });
    // 5 lost of the last 100: poor would need 8 %.
    const now = sample({ packetsLost: 105, packetsReceived: 995 });
    expect(linkQuality(before, now)).toMatchObject({ level: 'fair', lossRatio: 0.05 });
    expect(linkQuality(now, sample({ packetsLost: 115, packetsReceived: 1_085 }))).toMatchObject({ level: 'poor', lossRatio: 0.1 });
  });

  it('says nothing of loss when no packet moved or a counter went back', () => {
    const quiet = sample({ packetsLost: 5, packetsReceived: 100 });
    expect(linkQuality(quiet, quiet).lossRatio).toBeNull();
    expect(linkQuality(quiet, sample({ packetsLost: 0, packetsReceived: 10 })).lossRatio).toBeNull();
    expect(linkQuality(null, sample({ roundTripMs: null })).level).toBe('good');
  });

  it('tells a relayed link from a direct one', () => {
    expect(linkQuality(null, sample({ remoteCandidateType: 'relay' })).relayed).toBe(true);
    expect(linkQuality(null, sample({ localCandidateType: 'srflx' })).relayed).toBe(false);
  });

  it('as an operator, counts each sample against the one before', async () => {
    const samples = [sample({ packetsReceived: 100 }), sample({ packetsLost: 10, packetsReceived: 190 }), sample({ packetsLost: 10, packetsReceived: 290 })];
    const levels = await firstValueFrom(of(...samples).pipe(toLinkQuality(), toArray()));
    expect(levels.map((quality) => [quality.level, quality.lossRatio])).toEqual([
      ['good', 0],
      ['poor', 0.1],
      ['good', 0],
    ]);
  });
});
