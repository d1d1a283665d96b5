/**
 * A peer connection's health as an Observable: `getStats()` sampled on a timer, each report
 * summarized against the one before, until the connection closes.
 *
 * The {@link ConnectionStats} type lives here too: a file `ConnectionStats.ts` beside this
 * one would clash with it on case-insensitive file systems (macOS, Windows).
 */
import {
  asyncScheduler,
  catchError,
  exhaustMap,
  filter,
  from,
  map,
  merge,
  Observable,
  of,
  scan,
  takeUntil,
  takeWhile,
  throwError,
  timer,
  type ObservableInput,
  type SchedulerLike,
} from 'rxjs';
import { summarizeStats, type StatsReportLike } from './summarizeStats.ts';

/**
 * One sample of a peer connection's health, boiled down from a `getStats()` report to what a
 * person (or a story's meter) can read: delay, throughput, loss and the route the data takes.
 */
export interface ConnectionStats {
  /** The report's own timestamp (ms, `performance.timeOrigin` based), not the time it arrived. */
  readonly at: number;
  /** Round trip on the selected candidate pair in ms; `null` until ICE has measured one. */
  readonly roundTripMs: number | null;
  /** Bits per second received since the previous sample; `null` on the first one or after a counter reset. */
  readonly bitrateInBps: number | null;
  /** Bits per second sent since the previous sample; `null` on the first one or after a counter reset. */
  readonly bitrateOutBps: number | null;
  /** Bytes received on the selected transport so far, headers included. */
  readonly bytesReceived: number;
  /** Bytes sent on the selected transport so far, headers included. */
  readonly bytesSent: number;
  /** RTP packets lost over every incoming media stream so far (0 for a data-only connection). */
  readonly packetsLost: number;
  /** RTP packets received over every incoming media stream so far (0 for a data-only connection). */
  readonly packetsReceived: number;
  /** `host`, `srflx`, `prflx` or `relay` for our end of the selected pair; `null` before one is chosen. */
  readonly localCandidateType: RTCIceCandidateType | null;
  /** The same for the far end: `relay` on either side means a TURN server carries the traffic. */
  readonly remoteCandidateType: RTCIceCandidateType | null;
}

/**
 * Whether a TURN server carries the connection: a relay candidate at either end.
 *
 * @example
 * ```ts
 * call.stats().subscribe((stats) => console.log(isRelayed(stats) ? 'relayed by TURN' : 'direct'));
 * ```
 */
export function isRelayed(stats: Pick<ConnectionStats, 'localCandidateType' | 'remoteCandidateType'>): boolean {
  return stats.localCandidateType === 'relay' || stats.remoteCandidateType === 'relay';
}

/** Once a second: smooth enough for a meter, and `getStats()` is not free on a busy mesh. */
export const DEFAULT_STATS_INTERVAL_MS = 1000;

export interface ConnectionStatsOptions {
  /** Time between samples (ms). Default {@link DEFAULT_STATS_INTERVAL_MS}. */
  readonly intervalMs?: number;
  /** Drives the timer; tests pass a virtual one. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Samples `pc.getStats()` at once and then every `intervalMs`, and emits each report
 * summarized against the previous sample (so bitrates appear from the second emission on).
 * Completes when the connection closes; an error only when `getStats()` fails on an open
 * connection. It never calls `getStats()` again while a call is still pending: a slow
 * report skips ticks instead of piling calls up.
 *
 * Subscribing does not take ownership of `pc`: unsubscribing removes a listener, nothing more.
 * Throws a `RangeError` at once for an `intervalMs` that is not a positive number.
 *
 * @example
 * ```ts
 * connectionStats(call.peerConnection, { intervalMs: 500 }).subscribe((stats) => {
 *   console.log(`${stats.roundTripMs?.toFixed(0) ?? '–'} ms, ${stats.localCandidateType}`);
 * });
 * ```
 */
export function connectionStats(pc: RTCPeerConnection, options: ConnectionStatsOptions = {}): Observable<ConnectionStats> {
  const { intervalMs = DEFAULT_STATS_INTERVAL_MS, scheduler = asyncScheduler } = options;
  return sampleStats(
    {
      getReport: () => pc.getStats(),
      isClosed: () => isClosed(pc),
      closed$: closeEvents(pc),
    },
    intervalMs,
    scheduler,
  );
}

/** Where {@link sampleStats} gets its reports and learns of the end: a peer connection, or a fake. */
export interface StatsSource {
  /** One report; called again only once the previous call has settled. */
  readonly getReport: () => ObservableInput<StatsReportLike>;
  /** Looked at before every call and when its report (or failure) arrives. */
  readonly isClosed: () => boolean;
  /** Emits when the source closes; the stream then ends at once, even mid-sample. */
  readonly closed$: Observable<unknown>;
}

/** Marks, in the stream of reports, the moment the source was found closed. */
const CLOSED = Symbol('closed');

/**
 * The machinery behind {@link connectionStats}, apart from the peer connection so that marble
 * tests can drive it with cold observables and a virtual clock.
 *
 * @example
 * ```ts
 * sampleStats({ getReport: () => call.peerConnection.getStats(), isClosed: () => false, closed$: NEVER }, 1000);
 * ```
 */
export function sampleStats(
  source: StatsSource,
  intervalMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<ConnectionStats> {
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be a positive number of ms, not ${intervalMs}`);
  return timer(0, intervalMs, scheduler).pipe(
    exhaustMap(() =>
      // pc.close() fires no event (by the spec, and so in Chromium): look before every call.
      source.isClosed()
        ? of(CLOSED)
        : from(source.getReport()).pipe(
            // A report that lands after the close describes a connection that is gone.
            map((report) => (source.isClosed() ? CLOSED : report)),
            // A call on a closing connection may reject (the spec once said InvalidStateError):
            // that is the end, not a failure.
            catchError((error: unknown) => (source.isClosed() ? of(CLOSED) : throwError(() => error))),
          ),
    ),
    takeWhile((sample): sample is StatsReportLike => sample !== CLOSED),
    scan<StatsReportLike, ConnectionStats, null>((previous, report) => summarizeStats(report, previous), null),
    // Firefox leaves a `getStats()` pending on a connection closed meanwhile for ~30 s, and
    // close() fires no event: the next tick that finds it closed ends the stream regardless.
    takeUntil(merge(source.closed$, timer(intervalMs, intervalMs, scheduler).pipe(filter(() => source.isClosed())))),
  );
}

function isClosed(pc: RTCPeerConnection): boolean {
  // close() sets both at once; signalingState also covers browsers that lack connectionState.
  return pc.connectionState === 'closed' || pc.signalingState === 'closed';
}

/** Emits when a `connectionstatechange` finds `pc` closed (in browsers that send one for it). */
function closeEvents(pc: RTCPeerConnection): Observable<void> {
  return new Observable<void>((subscriber) => {
    const onChange = () => {
      if (isClosed(pc)) subscriber.next();
    };
    pc.addEventListener('connectionstatechange', onChange);
    return () => pc.removeEventListener('connectionstatechange', onChange);
  });
}
