/**
 * The uplink part: the budget in force (`room.uplinkKbps$`: the member's, or less while its
 * link carries less), and for each call this member places (one per other member), what the
 * budget set on its senders — `RTCRtpSender.getParameters().encodings[0]` — and what the
 * call's connection sends, measured from its stats.
 */
import { distinctUntilChanged, ignoreElements, map, merge, Observable, of, switchMap, tap, timer } from 'rxjs';
import { el } from '../peer-basics/el.ts';
import { connectionStats } from '../../src/rtc/index.ts';
import { forEachPeer, type ConnectionStats, type RemotePeer } from '../../src/index.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';
import { peerName } from './peerName.ts';
import type { PlacedCalls } from './placedCalls.ts';
import { kbps, reading, readingTable, type ReadingTable } from './readingTable.ts';

/** The table's columns: what the play function reads by name. */
export const UPLINK_COLUMNS = ['To', 'Audio ≤', 'Video ≤', 'Video size ÷', 'Sending'] as const;

/** How often each call is read: a rate needs two samples, and a second apart reads steadily. */
const SAMPLE_MS = 1_000;

/** What a call's senders are set to, by kind: the first (only) encoding of each. */
interface SenderSettings {
  readonly audio?: RTCRtpEncodingParameters;
  readonly video?: RTCRtpEncodingParameters;
}

/**
 * A table named "Calls placed": a row per other member, made when it arrives and removed when
 * it leaves.
 *
 * @example
 * ```ts
 * const calls = placedCalls();
 * virtualMember({ ...spec, join: { uplinkKbps: 900, createPeer: calls.createPeer } }, { roomId, parts: [uplinkPart(calls)] }, lifetime);
 * ```
 */
export function uplinkPart(calls: PlacedCalls): CardPart {
  const table = readingTable(
    'Calls placed',
    UPLINK_COLUMNS,
    'Each call this member sends its media on: the ceilings set on its senders, and what its connection sends now.',
  );
  const inForce = el('output', { ariaLabel: 'Budget in force' });
  return {
    element: partSection('room.uplinkKbps$ and sender.getParameters() per call', el('p', {}, 'Budget in force: ', inForce), table.root),
    run: ({ room }) =>
      merge(
        room.uplinkKbps$.pipe(tap((budget) => inForce.replaceChildren(reading(budget * 1_000, kbps)))),
        room.peers$.pipe(forEachPeer((peer) => callRow(peer, calls, table))),
      ).pipe(ignoreElements()),
  };
}

function callRow(peer: RemotePeer, calls: PlacedCalls, table: ReadingTable): Observable<never> {
  return new Observable<never>(() => {
    const row = table.row(peerName(peer));
    // The call may be placed before the member is listed, or after: look for it every sample,
    // and read the newest one's stats until it closes.
    const reading$ = timer(0, SAMPLE_MS).pipe(
      map(() => calls.to(peer.id)),
      distinctUntilChanged(),
      switchMap((connection) =>
        connection
          ? connectionStats(connection, { intervalMs: SAMPLE_MS }).pipe(map((stats) => ({ settings: senderSettings(connection), stats })))
          : of(null),
      ),
    );
    const shown = reading$.subscribe((latest) => show(row, latest));
    return () => {
      shown.unsubscribe();
      row.element.remove();
    };
  });
}

function show(row: ReturnType<ReadingTable['row']>, latest: { settings: SenderSettings; stats: ConnectionStats } | null): void {
  const { audio, video } = latest?.settings ?? {};
  // No ceiling set: the browser's own encoding (the budget is Infinity, or not applied yet).
  const ceiling = (encoding: RTCRtpEncodingParameters | undefined) => (encoding ? reading(encoding.maxBitrate, kbps) : '–');
  row.set('Audio ≤', ceiling(audio));
  row.set('Video ≤', ceiling(video));
  row.set('Video size ÷', video ? reading(video.scaleResolutionDownBy, (scale) => `÷ ${scale}`) : '–');
  row.set('Sending', reading(latest?.stats.bitrateOutBps, kbps));
}

function senderSettings(connection: RTCPeerConnection): SenderSettings {
  const settings: { audio?: RTCRtpEncodingParameters; video?: RTCRtpEncodingParameters } = {};
  for (const transceiver of connection.getTransceivers()) {
    // A gated sender may send nothing for a moment: its kind is its transceiver's.
    const kind = transceiver.sender.track?.kind ?? transceiver.receiver.track.kind;
    const encoding = transceiver.sender.getParameters().encodings[0];
    if ((kind === 'audio' || kind === 'video') && encoding) settings[kind] = encoding;
  }
  return settings;
}
