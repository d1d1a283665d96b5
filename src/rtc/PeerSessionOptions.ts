/**
 * What a peer session is made with (`new PeerSession(options)`, `peerSession(options)`), and what
 * each of its connections and calls is opened with.
 */
import type { Peer, PeerOptions } from 'peerjs';
import type { ObservableInput } from 'rxjs';
import type { ChannelOptions } from './channelOptions.ts';
import type { ClientConfig } from './clientConfig.ts';
import type { IceRestartPolicy } from './IceRestarts.ts';
import type { ReconnectPolicy } from './reconnectPolicy.ts';
import type { SignalingOptions } from './signalingOptions.ts';

/** Makes the PeerJS `Peer` (a fake one in unit tests). */
export type PeerFactory = (id: string | undefined, options: PeerOptions) => Peer;

export interface PeerSessionOptions {
  /** The ID to register; default: one the server picks. */
  readonly id?: string;
  /** The PeerServer; default: the page's own origin at `/peerjs`. */
  readonly signaling?: SignalingOptions;
  /** ICE servers; default: from the serving server's `/peerstage/config.json`. */
  readonly iceServers?: readonly RTCIceServer[];
  /**
   * `relay`: connect only through the TURN servers among `iceServers`, so that peers never
   * learn each other's addresses (and nobody meets without a working TURN server). Default:
   * what the serving server's `/peerstage/config.json` says when `iceServers` is not given,
   * else `all`. Anything else is a `TypeError` from the constructor, as `RTCPeerConnection`
   * would throw it later, deep inside PeerJS.
   */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * Where the configuration comes from when `iceServers` is not given; default: the page's
   * server ({@link fetchClientConfig}). Asked again before TURN REST credentials in it expire
   * (turnRefreshDelay.ts), and the answer serves every connection made after it.
   */
  readonly clientConfig?: () => ObservableInput<ClientConfig>;
  /** Delays between attempts to reach the signaling server again; default {@link backoffPolicy}. */
  readonly reconnect?: ReconnectPolicy;
  /**
   * How long `connect` and `call` wait to open. The server reports an unknown ID within about
   * ten seconds, so this only matters for IDs that exist but never answer.
   */
  readonly connectTimeoutMs?: number;
  /** Data channel limits, chunk size and watermarks. */
  readonly channel?: Partial<ChannelOptions>;
  /**
   * Whether channels with this label take binary transfers; default: `channel.acceptsTransfers`
   * (yes). Asked for every channel the session makes — dialed, incoming, carried by a call —
   * before its first frame: a protocol that speaks JSON only answers `false`, and its channels
   * drop binary unread, whoever sends it.
   */
  readonly acceptTransfers?: (label: string) => boolean;
  /**
   * How connections are kept through a lost path: ICE restarted on the same connection,
   * negotiated through the signaling server (IceRestarts.ts); default {@link DEFAULT_ICE_RESTART}.
   * `false`: PeerJS's way, a connection whose ICE fails is closed.
   */
  readonly iceRestart?: Partial<IceRestartPolicy> | false;
  /** PeerJS log level. */
  readonly debug?: 0 | 1 | 2 | 3;
  readonly createPeer?: PeerFactory;
}

export interface ConnectOptions {
  /** Shown to the remote as `DataChannel.label`. */
  readonly label?: string;
  /** Handed to the remote as `DataChannel.metadata`. */
  readonly metadata?: unknown;
  readonly timeoutMs?: number;
}

export interface CallOptions {
  /** Handed to the remote as `IncomingCall.metadata`. */
  readonly metadata?: unknown;
  readonly timeoutMs?: number;
  /**
   * Carries a data channel with this label inside the call, as `Call.channel$` (see
   * callChannel.ts): the callee must answer with one too, so tell it in `metadata`.
   */
  readonly channel?: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

/**
 * How long `reachable` waits for an answer through the signaling server: a round trip through
 * it takes milliseconds, and a room asks only after seconds of silence, within the 5 s in which
 * it promises to drop a vanished member.
 */
export const DEFAULT_REACHABLE_TIMEOUT_MS = 1_000;
