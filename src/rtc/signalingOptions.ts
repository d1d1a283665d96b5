/**
 * Where a member finds its signaling server. By default that is the server that served the
 * page, at `/peerjs`: the hub, `npm run dev`, `npm run storybook` and the test servers all
 * embed a PeerServer there.
 */

/** A PeerServer, named as PeerJS names its options (docs/architecture.md). */
export interface SignalingOptions {
  readonly host: string;
  readonly port: number;
  readonly path?: string;
  readonly secure?: boolean;
  readonly key?: string;
}

/** The path the peerstage servers mount their PeerServer at. */
export const DEFAULT_SIGNALING_PATH = '/peerjs';

/**
 * The PeerServer embedded in the server at `location` (default: this page's).
 *
 * @example
 * ```ts
 * signalingAtPageOrigin(new URL('https://hub.local:8443/?room=jam'));
 * // → { host: 'hub.local', port: 8443, path: '/peerjs', secure: true }
 * ```
 */
export function signalingAtPageOrigin(location: Pick<URL, 'hostname' | 'port' | 'protocol'> = globalThis.location): SignalingOptions {
  const secure = location.protocol === 'https:';
  return {
    host: location.hostname,
    port: location.port ? Number(location.port) : secure ? 443 : 80,
    path: DEFAULT_SIGNALING_PATH,
    secure,
  };
}
