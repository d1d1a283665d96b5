import { describe, expect, it } from 'vitest';
import type { ConnectionStats } from './connectionStats.ts';
import { availableOutgoingBitrate, summarizeStats } from './summarizeStats.ts';
import { report, T0, dataOnly, media } from '../testing/summarizeStatsRig.ts';

describe('summarizeStats', () => {
  it('reads a data-only connection through the transport’s selected pair', () => {
    expect(summarizeStats(report(...dataOnly()), null)).toEqual<ConnectionStats>({
      at: T0,
      roundTripMs: 1,
      bitrateInBps: null,
      bitrateOutBps: null,
      bytesReceived: 21_360,
      bytesSent: 1_081_516,
      packetsLost: 0,
      packetsReceived: 0,
      localCandidateType: 'host',
      remoteCandidateType: 'host',
    });
  });

  it('sums packetsLost and packetsReceived over inbound-rtp only, not what the far end lost of ours', () => {
    const stats = summarizeStats(report(...dataOnly(), ...media(T0, 3, 12)), null);
    expect(stats.packetsLost).toBe(15);
    expect(stats.packetsReceived).toBe(11_500);
  });

  it('names relay candidates: the traffic goes through TURN', () => {
    const entries = dataOnly().map((entry) => {
      if (entry.id === 'IXvYbZaE') {
        return { ...entry, candidateType: 'relay', relayProtocol: 'udp', url: 'turn:127.0.0.1:3478' };
      }
      if (entry.id === 'IuWx2Rqk9') return { ...entry, candidateType: 'srflx', relatedAddress: '10.0.0.2' };
      return entry;
    });
    const stats = summarizeStats(report(...entries), null);
    expect(stats.localCandidateType).toBe('relay');
    expect(stats.remoteCandidateType).toBe('srflx');
  });

  it('has nulls and the transport’s counters while no pair is selected yet', () => {
    const entries = dataOnly({ bytesSent: 1_200, bytesReceived: 800 })
      .filter((entry) => entry.id !== 'CPXvYbZaE_uWx2Rqk9')
      .map((entry) => {
        if (entry.type === 'transport') return { ...entry, selectedCandidatePairId: undefined, iceState: 'checking' };
        if (entry.type === 'candidate-pair') return { ...entry, state: 'in-progress' };
        return entry;
      });
    expect(summarizeStats(report(...entries), null)).toEqual<ConnectionStats>({
      at: T0,
      roundTripMs: null,
      bitrateInBps: null,
      bitrateOutBps: null,
      bytesReceived: 800,
      bytesSent: 1_200,
      packetsLost: 0,
      packetsReceived: 0,
      localCandidateType: null,
      remoteCandidateType: null,
    });
  });

  it('falls back to the nominated, succeeded pair (and its counters) without a transport', () => {
    const entries = dataOnly().filter((entry) => entry.type !== 'transport');
    const stats = summarizeStats(report(...entries), null);
    expect(stats.roundTripMs).toBe(1);
    expect(stats.bytesSent).toBe(1_081_516 - 4_000);
    expect(stats.bytesReceived).toBe(21_360 - 2_000);
    expect(stats.localCandidateType).toBe('host');
  });

  it('takes the pair Firefox flags `selected`', () => {
    const entries = dataOnly()
      .filter((entry) => entry.type !== 'transport')
      .map((entry) => {
        if (entry.id === 'CPXvYbZaE_uWx2Rqk9') return { ...entry, nominated: false, selected: false };
        if (entry.id === 'CPXvYbZaE_Aa0Bb1Cc') return { ...entry, nominated: true, selected: true };
        return entry;
      });
    expect(summarizeStats(report(...entries), null).roundTripMs).toBe(90);
  });

  it('is all zeros and nulls for an empty report (a connection that has not started)', () => {
    expect(summarizeStats(new Map(), null)).toEqual<ConnectionStats>({
      at: 0,
      roundTripMs: null,
      bitrateInBps: null,
      bitrateOutBps: null,
      bytesReceived: 0,
      bytesSent: 0,
      packetsLost: 0,
      packetsReceived: 0,
      localCandidateType: null,
      remoteCandidateType: null,
    });
  });

  it('computes bitrates from two reports', () => {
    const first = summarizeStats(report(...dataOnly({ at: T0, bytesSent: 100_000, bytesReceived: 5_000 })), null);
    const second = summarizeStats(report(...dataOnly({ at: T0 + 500, bytesSent: 350_000, bytesReceived: 6_000 })), first);
    expect(second.at - first.at).toBe(500);
    expect(second.bitrateOutBps).toBe((8 * 250_000) / 0.5);
    expect(second.bitrateInBps).toBe((8 * 1_000) / 0.5);
  });

  it('has no bitrate when time did not advance or a counter went backwards', () => {
    const first = summarizeStats(report(...dataOnly({ at: T0, bytesSent: 100_000, bytesReceived: 5_000 })), null);
    const cached = summarizeStats(report(...dataOnly({ at: T0, bytesSent: 100_000, bytesReceived: 5_000 })), first);
    expect(cached.bitrateOutBps).toBeNull();
    expect(cached.bitrateInBps).toBeNull();
    // After an ICE restart onto a new transport the counters start again from zero.
    const restarted = summarizeStats(report(...dataOnly({ at: T0 + 1000, bytesSent: 2_000, bytesReceived: 7_000 })), first);
    expect(restarted.bitrateOutBps).toBeNull();
    expect(restarted.bitrateInBps).toBe(8 * 2_000);
  });

  it('ignores candidate types it does not know', () => {
    const entries = dataOnly().map((entry) => (entry.id === 'IuWx2Rqk9' ? { ...entry, candidateType: 'serverreflexive' } : entry));
    expect(summarizeStats(report(...entries), null).remoteCandidateType).toBeNull();
  });
});

describe('availableOutgoingBitrate', () => {
  it("reads the selected pair's estimate, not a losing pair's", () => {
    expect(availableOutgoingBitrate(report(...dataOnly()))).toBe(300_000);
  });

  it('is undefined where the browser does not say (Firefox) and before a pair is chosen', () => {
    const withoutEstimate = dataOnly().map(({ availableOutgoingBitrate: _, ...entry }) => entry);
    expect(availableOutgoingBitrate(report(...withoutEstimate))).toBeUndefined();
    expect(availableOutgoingBitrate(report())).toBeUndefined();
  });
});
