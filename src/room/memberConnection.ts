/**
 * Which peer connection tells how a member is doing, and what it says: the call that carries
 * the member's media when there is one (its bitrate is the one a person cares about), else
 * the data link. Both come from the same two browsers, so their route and round trip agree.
 */
import { distinctUntilChanged, fromEvent, map, startWith, switchMap, type Observable } from 'rxjs';
import { connectionStats, type ConnectionStats, type ConnectionStatsOptions } from '../rtc/connectionStats.ts';

/** Anything that holds a peer connection: a data channel, a call. */
export interface HoldsPeerConnection {
  readonly peerConnection: RTCPeerConnection;
}

/**
 * The connection to watch: the media call's while there is one, else the data link's.
 *
 * @example
 * ```ts
 * const pc$ = watchedConnection(record.channel, record.call);
 * ```
 */
export function watchedConnection(link: HoldsPeerConnection, call$: Observable<HoldsPeerConnection | null>): Observable<RTCPeerConnection> {
  return call$.pipe(
    map((call) => (call ?? link).peerConnection),
    distinctUntilChanged(),
  );
}

/**
 * The state of the watched connection now and at every change (`'connected'`,
 * `'disconnected'`, `'failed'`...).
 *
 * @example
 * ```ts
 * connectionState(watchedConnection(record.channel, record.call)).subscribe((state) => console.log(state));
 * ```
 */
export function connectionState(connection$: Observable<RTCPeerConnection>): Observable<RTCPeerConnectionState> {
  return connection$.pipe(
    switchMap((pc) =>
      fromEvent(pc, 'connectionstatechange').pipe(
        map(() => pc.connectionState),
        startWith(pc.connectionState),
      ),
    ),
    distinctUntilChanged(),
  );
}

/**
 * Stats of the watched connection, sampled every `intervalMs` (see `connectionStats`); they
 * start over (bitrates `null` once) when the connection watched changes.
 *
 * @example
 * ```ts
 * connectionStatsOf(watchedConnection(record.channel, record.call), { intervalMs: 1000 }).subscribe(({ roundTripMs }) => console.log(roundTripMs));
 * ```
 */
export function connectionStatsOf(
  connection$: Observable<RTCPeerConnection>,
  options?: ConnectionStatsOptions,
): Observable<ConnectionStats> {
  return connection$.pipe(switchMap((pc) => connectionStats(pc, options)));
}
