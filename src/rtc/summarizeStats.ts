/**
 * Boils a WebRTC stats report down to a {@link ConnectionStats}: the numbers live on several
 * linked entries (transport → selected candidate pair → candidates, plus one inbound-rtp per
 * incoming track), and browsers disagree on which links they fill in.
 */
import type { ConnectionStats } from './connectionStats.ts';

/**
 * What {@link summarizeStats} reads: a real `RTCStatsReport`, or any map of stats entries
 * keyed by id (tests build these by hand; a report copied out of a worker is one too).
 */
export type StatsReportLike = RTCStatsReport | ReadonlyMap<string, Readonly<Record<string, unknown>>>;

type Entry = Readonly<Record<string, unknown>>;

const CANDIDATE_TYPES: ReadonlySet<string> = new Set<RTCIceCandidateType>(['host', 'srflx', 'prflx', 'relay']);

/**
 * Summarizes one stats report. Pure: bitrates come from the difference to `previous` (the
 * summary of the report before, from the same connection), so a caller only keeps the last
 * result. Bitrates are `null` on the first sample, when time did not advance, and when a
 * byte counter went backwards (counters can restart with a new transport after an ICE
 * restart; a negative rate would be a lie).
 *
 * @example
 * ```ts
 * const pc = call.peerConnection;
 * const first = summarizeStats(await pc.getStats(), null);
 * await new Promise((resolve) => setTimeout(resolve, 1000));
 * const second = summarizeStats(await pc.getStats(), first);
 * console.log(second.roundTripMs, second.bitrateOutBps, second.localCandidateType);
 * ```
 */
export function summarizeStats(report: StatsReportLike, previous: ConnectionStats | null): ConnectionStats {
  // Both shapes are maps of id → entry; `any` in RTCStatsReport's typing is read as unknown.
  const entries = report as ReadonlyMap<string, unknown>;
  const transport = selectedTransport(entries);
  const pair = selectedPair(entries, transport);
  // The transport counts every byte of the connection; a pair only those since it was
  // chosen, so it is the fallback (for Firefox, which reports no transport).
  const bytesReceived = numberIn(transport, 'bytesReceived') ?? numberIn(pair, 'bytesReceived') ?? 0;
  const bytesSent = numberIn(transport, 'bytesSent') ?? numberIn(pair, 'bytesSent') ?? 0;
  const at = numberIn(transport, 'timestamp') ?? numberIn(pair, 'timestamp') ?? latestTimestamp(entries);
  const seconds = previous === null ? 0 : (at - previous.at) / 1000;
  const rtt = numberIn(pair, 'currentRoundTripTime');
  return {
    at,
    roundTripMs: rtt === undefined ? null : rtt * 1000,
    bitrateInBps: seconds > 0 && previous ? rate(bytesReceived - previous.bytesReceived, seconds) : null,
    bitrateOutBps: seconds > 0 && previous ? rate(bytesSent - previous.bytesSent, seconds) : null,
    bytesReceived,
    bytesSent,
    packetsLost: sumOverInbound(entries, 'packetsLost'),
    packetsReceived: sumOverInbound(entries, 'packetsReceived'),
    localCandidateType: candidateType(entries, pair, 'localCandidateId'),
    remoteCandidateType: candidateType(entries, pair, 'remoteCandidateId'),
  };
}

/**
 * What the browser's congestion control estimates the connection can send now, in bit/s, from
 * its selected candidate pair; `undefined` where the browser does not say (Firefox).
 *
 * @example
 * ```ts
 * const bps = availableOutgoingBitrate(await call.peerConnection.getStats()); // e.g. 812_000
 * ```
 */
export function availableOutgoingBitrate(report: StatsReportLike): number | undefined {
  const entries = report as ReadonlyMap<string, unknown>;
  return numberIn(selectedPair(entries, selectedTransport(entries)), 'availableOutgoingBitrate');
}

function rate(bytes: number, seconds: number): number | null {
  return bytes < 0 ? null : (8 * bytes) / seconds;
}

/**
 * The transport that carries the connection: with BUNDLE (every browser's default) there is
 * one; without it, the first that has chosen a pair, which is the one carrying data.
 */
function selectedTransport(entries: ReadonlyMap<string, unknown>): Entry | undefined {
  let first: Entry | undefined;
  for (const entry of entriesOfType(entries, 'transport')) {
    first ??= entry;
    if (typeof entry.selectedCandidatePairId === 'string') return entry;
  }
  return first;
}

/**
 * The candidate pair in use. Chromium and Safari name it on the transport; Firefox names no
 * transport but flags the pair `selected`; the spec's own test is nominated and succeeded.
 */
function selectedPair(entries: ReadonlyMap<string, unknown>, transport: Entry | undefined): Entry | undefined {
  const id = transport?.selectedCandidatePairId;
  const named = typeof id === 'string' ? asEntry(entries.get(id)) : undefined;
  if (named?.type === 'candidate-pair') return named;
  let nominated: Entry | undefined;
  for (const pair of entriesOfType(entries, 'candidate-pair')) {
    if (pair.selected === true) return pair;
    if (pair.nominated === true && pair.state === 'succeeded') nominated ??= pair;
  }
  return nominated;
}

function candidateType(
  entries: ReadonlyMap<string, unknown>,
  pair: Entry | undefined,
  link: 'localCandidateId' | 'remoteCandidateId',
): RTCIceCandidateType | null {
  const id = pair?.[link];
  const type = typeof id === 'string' ? asEntry(entries.get(id))?.candidateType : undefined;
  return typeof type === 'string' && CANDIDATE_TYPES.has(type) ? (type as RTCIceCandidateType) : null;
}

/** Summed over every incoming stream: the number a person cares about is the connection's. */
function sumOverInbound(entries: ReadonlyMap<string, unknown>, counter: 'packetsLost' | 'packetsReceived'): number {
  let sum = 0;
  for (const inbound of entriesOfType(entries, 'inbound-rtp')) sum += numberIn(inbound, counter) ?? 0;
  return sum;
}

/** Every entry of one report shares a timestamp in practice; the latest is the report's. */
function latestTimestamp(entries: ReadonlyMap<string, unknown>): number {
  let latest = 0;
  for (const value of entries.values()) latest = Math.max(latest, numberIn(asEntry(value), 'timestamp') ?? 0);
  return latest;
}

function* entriesOfType(entries: ReadonlyMap<string, unknown>, type: string): Generator<Entry> {
  for (const value of entries.values()) {
    const entry = asEntry(value);
    if (entry?.type === type) yield entry;
  }
}

function asEntry(value: unknown): Entry | undefined {
  return typeof value === 'object' && value !== null ? (value as Entry) : undefined;
}

function numberIn(entry: Entry | undefined, key: string): number | undefined {
  const value = entry?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
