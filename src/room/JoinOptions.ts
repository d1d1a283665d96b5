/**
 * How to join a room (docs/architecture.md's contract, plus tuning knobs).
 */
import type { PeerFactory } from '../rtc/PeerSession.ts';
import type { ReconnectPolicy } from '../rtc/reconnectPolicy.ts';
import type { SignalingOptions } from '../rtc/signalingOptions.ts';
import type { HeartbeatPolicy } from './heartbeatPolicy.ts';
import type { RoomTransport } from './RoomTransport.ts';

/** Most members a mesh room takes, each member counting itself: `JoinOptions.maxMembers`' default. */
export const DEFAULT_MAX_MEMBERS = 8;

export interface JoinOptions {
  /**
   * What serves the room (default `meshTransport`: every member connects to every other, on
   * any stock PeerServer). The options below are the mesh's; another transport documents
   * which it takes.
   */
  readonly transport?: RoomTransport;
  /** Display name shown to others. */
  readonly name?: string;
  /** What this member shares (audio and/or video); none = receive only. */
  readonly stream?: MediaStream;
  /** Default: the page's own origin, path `/peerjs`. */
  readonly signaling?: SignalingOptions;
  /** Default: from the serving server's config. */
  readonly iceServers?: readonly RTCIceServer[];
  /**
   * `relay`: reach members only through the TURN servers in `iceServers`, never directly, so
   * no member learns another's address. Default: the serving server's config when
   * `iceServers` is not given, else `all`. Any other value makes `joinRoom` throw a `TypeError`.
   */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * The most this member uploads, in kbit/s, over all its calls together (default 2000): in a
   * mesh it sends its media once per other member, so each call's share shrinks as the room
   * grows, audio first, video at a resolution its share can carry. `Infinity` leaves each
   * call at the browser's own encodings. Anything but a positive number makes `joinRoom`
   * throw a `RangeError`.
   */
  readonly uplinkKbps?: number;
  /** Members without it are never admitted. */
  readonly passphrase?: string;
  /** Most members the room takes, this one included (default {@link DEFAULT_MAX_MEMBERS}, 8). */
  readonly maxMembers?: number;
  /** When a silent member counts as gone (default: within 5 s). */
  readonly heartbeat?: HeartbeatPolicy;
  /** Retries while the signaling server is away (default: forever, backing off to 5 s). */
  readonly reconnect?: ReconnectPolicy;
  /** Tries again to reach a member whose connection or handshake failed (default: 4 more, 0.5–4 s apart). */
  readonly redial?: ReconnectPolicy;
  /** Makes this member's PeerJS `Peer`s (default `new Peer(...)`): for tests and custom transports. */
  readonly createPeer?: PeerFactory;
}
