import { describe, expect, it } from 'vitest';
import type { ConnectionStats } from './connectionStats.ts';
import { availableOutgoingBitrate, summarizeStats } from './summarizeStats.ts';

type Entry = Record<string, unknown>;

/** A report keyed by id, as `pc.getStats()` resolves it. */
function report(...entries: Entry[]): ReadonlyMap<string, Entry> {
  return new Map(entries.map((entry) => [entry.id as string, entry]));
}

const T0 = 1_722_000_000_000.5;

// Entries shaped after what Chromium reports for a connection over loopback: ids, link
// fields and units as it sends them (timestamps in ms, round trips in s, bytes with headers).
function dataOnly({ at = T0, bytesSent = 1_081_516, bytesReceived = 21_360 } = {}): Entry[] {
  return [
    { id: 'P', type: 'peer-connection', timestamp: at, dataChannelsOpened: 1, dataChannelsClosed: 0 },
    {
      id: 'D1',
      type: 'data-channel',
      timestamp: at,
      label: 'peerstage',
      protocol: '',
      dataChannelIdentifier: 0,
      state: 'open',
      messagesSent: 64,
      bytesSent: 1_048_576,
      messagesReceived: 0,
      bytesReceived: 0,
    },
    {
      id: 'T01',
      type: 'transport',
      timestamp: at,
      bytesSent,
      bytesReceived,
      packetsSent: 893,
      packetsReceived: 412,
      dtlsState: 'connected',
      dtlsRole: 'client',
      iceState: 'connected',
      iceRole: 'controlling',
      iceLocalUsernameFragment: 'Zf3p',
      selectedCandidatePairId: 'CPXvYbZaE_uWx2Rqk9',
      selectedCandidatePairChanges: 1,
      localCertificateId: 'CFA1',
      remoteCertificateId: 'CFB2',
      dtlsCipher: 'TLS_AES_128_GCM_SHA256',
    },
    {
      id: 'CPXvYbZaE_uWx2Rqk9',
      type: 'candidate-pair',
      timestamp: at,
      transportId: 'T01',
      localCandidateId: 'IXvYbZaE',
      remoteCandidateId: 'IuWx2Rqk9',
      state: 'succeeded',
      priority: 9_115_038_255_631_187_000,
      nominated: true,
      writable: true,
      packetsSent: 880,
      packetsReceived: 405,
      bytesSent: bytesSent - 4_000,
      bytesReceived: bytesReceived - 2_000,
      totalRoundTripTime: 0.004,
      currentRoundTripTime: 0.001,
      availableOutgoingBitrate: 300_000,
      requestsReceived: 3,
      requestsSent: 3,
      responsesReceived: 3,
      responsesSent: 3,
      consentRequestsSent: 2,
      packetsDiscardedOnSend: 0,
      bytesDiscardedOnSend: 0,
      lastPacketReceivedTimestamp: at - 3,
      lastPacketSentTimestamp: at - 1,
    },
    // A pair that lost the race: checked, never nominated.
    {
      id: 'CPXvYbZaE_Aa0Bb1Cc',
      type: 'candidate-pair',
      timestamp: at,
      transportId: 'T01',
      localCandidateId: 'IXvYbZaE',
      remoteCandidateId: 'IAa0Bb1Cc',
      state: 'succeeded',
      nominated: false,
      writable: true,
      bytesSent: 0,
      bytesReceived: 0,
      currentRoundTripTime: 0.09,
    },
    hostCandidate('IXvYbZaE', false, 49_152),
    hostCandidate('IuWx2Rqk9', true, 51_234),
    { ...hostCandidate('IAa0Bb1Cc', true, 51_235), address: '172.17.0.2', ip: '172.17.0.2' },
    {
      id: 'CFA1',
      type: 'certificate',
      timestamp: at,
      fingerprint: '3C:4F:…',
      fingerprintAlgorithm: 'sha-256',
      base64Certificate: 'MIIBFjCBvaADAgECAgkA…',
    },
  ];

  function hostCandidate(id: string, isRemote: boolean, port: number): Entry {
    return {
      id,
      type: isRemote ? 'remote-candidate' : 'local-candidate',
      timestamp: at,
      transportId: 'T01',
      isRemote,
      address: '127.0.0.1',
      ip: '127.0.0.1',
      port,
      protocol: 'udp',
      candidateType: 'host',
      priority: 2_122_260_223,
      foundation: '1409281264',
      usernameFragment: isRemote ? 'b8Qn' : 'Zf3p',
      ...(isRemote ? {} : { networkType: 'unknown' }),
    };
  }
}

/** What a call with one audio and one video track adds to a report. */
function media(at = T0, audioLost = 3, videoLost = 12): Entry[] {
  return [
    {
      id: 'ITa1298765432',
      type: 'inbound-rtp',
      timestamp: at,
      ssrc: 1_298_765_432,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'CITa01_111_minptime=10;useinbandfec=1',
      mid: '0',
      trackIdentifier: 'f2b9c6e1-audio',
      packetsReceived: 2_500,
      packetsLost: audioLost,
      jitter: 0.002,
      bytesReceived: 180_000,
      headerBytesReceived: 30_000,
      jitterBufferDelay: 120.4,
      totalSamplesReceived: 480_000,
      concealedSamples: 960,
    },
    {
      id: 'ITa2837465019',
      type: 'inbound-rtp',
      timestamp: at,
      ssrc: 2_837_465_019,
      kind: 'video',
      transportId: 'T01',
      codecId: 'CITa01_96',
      mid: '1',
      trackIdentifier: 'f2b9c6e1-video',
      packetsReceived: 9_000,
      packetsLost: videoLost,
      bytesReceived: 9_000_000,
      framesDecoded: 300,
      framesPerSecond: 30,
      frameWidth: 640,
      frameHeight: 480,
      nackCount: 10,
    },
    {
      id: 'OTa1111',
      type: 'outbound-rtp',
      timestamp: at,
      ssrc: 1111,
      kind: 'audio',
      transportId: 'T01',
      packetsSent: 2_480,
      bytesSent: 178_000,
    },
    {
      id: 'RIAa1111',
      type: 'remote-inbound-rtp',
      timestamp: at,
      ssrc: 1111,
      kind: 'audio',
      transportId: 'T01',
      localId: 'OTa1111',
      packetsLost: 7,
      roundTripTime: 0.002,
    },
  ];
}

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
