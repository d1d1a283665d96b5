/**
 * What one member sends, read from its senders' stats once a second: the RTP bytes (payload and
 * headers) of every `outbound-rtp` of the senders that carry its tracks, over the connections
 * it may send on, as the `janus` bench suite counts a member's uplink.
 */
import { catchError, EMPTY, exhaustMap, from, map, type Observable, scan, timer } from 'rxjs';

/** Where to look for one member's senders. */
export interface UplinkSource {
  /** Connections that may carry the member's media (its own, or every one in the page). */
  connections(): readonly RTCPeerConnection[];
  /** The IDs of the member's tracks: the senders that carry one of them are the member's. */
  tracks(): ReadonlySet<string>;
}

export interface UplinkReading {
  /** Connected connections among {@link UplinkSource.connections}. */
  readonly connected: number;
  /** Senders carrying the member's picture on them: the copies of it the member uploads. */
  readonly videoCopies: number;
  /** Bits per second sent over the window; `null` until two samples of the same senders. */
  readonly sendingBps: number | null;
  /** The window the rate is over, in seconds: it starts again whenever a sender comes or goes. */
  readonly overSeconds: number;
}

/** Once a second: a rate needs two samples, and `getStats()` is not free on a busy page. */
export const SAMPLE_MS = 1_000;
/** The rate is over up to this many samples back: steadier than one second of a bursty encoder. */
const WINDOW_SAMPLES = 3;

interface Sample {
  readonly at: number;
  readonly bytes: number;
  readonly senders: readonly RTCRtpSender[];
  readonly connected: number;
  readonly videoCopies: number;
}

/**
 * Samples `source` at once and every {@link SAMPLE_MS} while subscribed.
 *
 * @example
 * ```ts
 * uplinkReadings({ connections: () => connections.open(), tracks: () => noting.tracks() })
 *   .subscribe((reading) => console.log(reading.videoCopies, reading.sendingBps));
 * ```
 */
export function uplinkReadings(source: UplinkSource): Observable<UplinkReading> {
  return timer(0, SAMPLE_MS).pipe(
    // A sample of a connection that closes meanwhile fails: skip it, the next one reads anew.
    exhaustMap(() => from(sample(source)).pipe(catchError(() => EMPTY))),
    scan((window: readonly Sample[], latest) => {
      const same = window.length > 0 && sameSenders(window[window.length - 1]?.senders ?? [], latest.senders);
      return same ? [...window, latest].slice(-(WINDOW_SAMPLES + 1)) : [latest];
    }, []),
    map((window) => {
      const first = window[0];
      const last = window[window.length - 1];
      if (!first || !last) return { connected: 0, videoCopies: 0, sendingBps: null, overSeconds: 0 };
      const seconds = (last.at - first.at) / 1_000;
      return {
        connected: last.connected,
        videoCopies: last.videoCopies,
        sendingBps: seconds > 0 ? ((last.bytes - first.bytes) * 8) / seconds : null,
        overSeconds: seconds,
      };
    }),
  );
}

async function sample(source: UplinkSource): Promise<Sample> {
  const tracks = source.tracks();
  const connected = source.connections().filter((pc) => pc.connectionState === 'connected');
  const senders = connected.flatMap((pc) => pc.getSenders()).filter((sender) => sender.track !== null && tracks.has(sender.track.id));
  const reports = await Promise.all(senders.map((sender) => sender.getStats()));
  let bytes = 0;
  for (const report of reports) {
    report.forEach((stats: { type: string; bytesSent?: number; headerBytesSent?: number }) => {
      if (stats.type === 'outbound-rtp') bytes += (stats.bytesSent ?? 0) + (stats.headerBytesSent ?? 0);
    });
  }
  return {
    at: performance.now(),
    bytes,
    senders,
    connected: connected.length,
    videoCopies: senders.filter((sender) => sender.track?.kind === 'video').length,
  };
}

/** Whether two samples read the same senders: only then is the difference of their bytes a rate. */
function sameSenders(before: readonly RTCRtpSender[], after: readonly RTCRtpSender[]): boolean {
  return before.length === after.length && before.every((sender) => after.includes(sender));
}
