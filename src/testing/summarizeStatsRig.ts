/**
 * The rig of the summarizeStats tests (src/rtc/summarizeStats.test.ts): `getStats()` reports as
 * Chromium and Firefox resolve them.
 */
export type Entry = Record<string, unknown>;

/** A report keyed by id, as `pc.getStats()` resolves it. */
export function report(...entries: Entry[]): ReadonlyMap<string, Entry> {
  return new Map(entries.map((entry) => [entry.id as string, entry]));
}

export const T0 = 1_722_000_000_000.5;

// Entries shaped after what Chromium reports for a connection over loopback: ids, link
// fields and units as it sends them (timestamps in ms, round trips in s, bytes with headers).
export function dataOnly({ at = T0, bytesSent = 1_081_516, bytesReceived = 21_360 } = {}): Entry[] {
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
export function media(at = T0, audioLost = 3, videoLost = 12): Entry[] {
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
