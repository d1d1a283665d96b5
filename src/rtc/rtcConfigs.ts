/**
 * The configurations a peer session hands PeerJS for its RTCPeerConnections, over time: the
 * given ICE servers once, or the serving server's, fetched again before their TURN credentials
 * expire.
 */
import { asyncScheduler, defer, EMPTY, expand, map, type Observable, of, switchMap, take, timer } from 'rxjs';
import { fetchClientConfig } from './fetchClientConfig.ts';
import type { PeerSessionOptions } from './PeerSessionOptions.ts';
import { turnRefreshDelayMs } from './turnRefreshDelay.ts';

/** Where the ICE servers come from. */
export type RtcConfigSource = Pick<PeerSessionOptions, 'iceServers' | 'iceTransportPolicy' | 'clientConfig'>;

/**
 * What PeerJS hands every RTCPeerConnection: the ICE servers and, when not `all`, the policy.
 * Given ICE servers are used as they are; fetched ones are fetched again before their TURN
 * credentials expire. A renewal without credentials (the server away) keeps the last ones,
 * and asks again a minute later.
 */
export function rtcConfigs(source: RtcConfigSource): Observable<RTCConfiguration> {
  const { iceServers, iceTransportPolicy } = source;
  if (iceServers) return of(withPolicy(iceServers, iceTransportPolicy));
  const clientConfig = source.clientConfig ?? (() => fetchClientConfig());
  const fetched = () =>
    defer(clientConfig).pipe(
      take(1),
      map((config) => withPolicy(config.iceServers, iceTransportPolicy ?? config.iceTransportPolicy)),
    );
  return fetched().pipe(
    expand((current) => {
      const delayMs = turnRefreshDelayMs(current.iceServers ?? [], asyncScheduler.now());
      if (delayMs === undefined) return EMPTY;
      return timer(delayMs).pipe(
        switchMap(fetched),
        map((next) => (turnRefreshDelayMs(next.iceServers ?? [], asyncScheduler.now()) === undefined ? current : next)),
      );
    }),
  );
}

function withPolicy(servers: readonly RTCIceServer[], policy: RTCIceTransportPolicy | undefined): RTCConfiguration {
  return policy && policy !== 'all' ? { iceServers: [...servers], iceTransportPolicy: policy } : { iceServers: [...servers] };
}
