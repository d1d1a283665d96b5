/**
 * The arithmetic of a room's size, per member: what it uploads and how many connections it
 * keeps on the mesh and on Janus. The `janus` bench suite measures the same things; this is
 * what they should come to on a network and machines that carry everything, so a reader can
 * see where the measured figures part from it (and the "Large rooms" step can draw it).
 * Not in any entry: a helper of the docs and stories, not API.
 */
import { DEFAULT_MAX_MEMBERS } from '../JoinOptions.ts';
import { DEFAULT_UPLINK_KBPS } from '../splitUplink.ts';
import { DEFAULT_JANUS_MAX_MEMBERS } from './JanusRoom.ts';
import { SIMULCAST_LAYERS } from './simulcastLayers.ts';

/**
 * The connections a Janus member keeps whatever the room's size: its publisher (its media up),
 * its one subscription (everyone else's media down) and the TextRoom (messages).
 */
export const JANUS_CONNECTIONS = 3;

export interface UplinkModelOptions {
  /** What one copy of a member's media takes at full size, kbit/s. */
  readonly streamKbps: number;
  /**
   * Simulcast layers a member sends to Janus, 1 to 3 (default 1: a picture under 270 lines
   * gets one). Each layer below the top has half the bitrate of the one above.
   */
  readonly layers?: number;
  /** What a member may upload over everything it sends, kbit/s (default {@link DEFAULT_UPLINK_KBPS}). */
  readonly uplinkKbps?: number;
}

/** One member of a room of a given size, on one transport. */
export interface MemberCost {
  /** Copies of its media it uploads. */
  readonly streams: number;
  /** What those copies take at full size, kbit/s: what the member would send with no budget. */
  readonly wantedKbps: number;
  /** What it sends: {@link wantedKbps}, or the budget when that is less (each copy then gets a smaller picture). */
  readonly uplinkKbps: number;
  /** The RTCPeerConnections it keeps. */
  readonly connections: number;
  /** Copies of the others' media it receives: one per other member on either transport. */
  readonly downlinkStreams: number;
  /** The most members a room takes on this transport by default, each counting itself. */
  readonly maxMembers: number;
  /** Whether a room of this size fits under {@link maxMembers}. */
  readonly fits: boolean;
}

export interface UplinkModel {
  readonly members: number;
  /** Every member connects to every other: a call each way per pair, each member sending on its own. */
  readonly mesh: MemberCost;
  /** Every member sends once, to the server, which forwards one layer of it to each viewer. */
  readonly janus: MemberCost;
}

/**
 * A member's cost in a room of `members` (everyone sharing media) on the mesh and on Janus.
 * Throws a `RangeError` for fewer than 2 members, a rate that is not a positive number, or
 * layers outside 1 to 3.
 *
 * @example
 * ```ts
 * const eight = uplinkModel(8, { streamKbps: 300 });
 * eight.mesh.streams; // 7: once per other member
 * eight.mesh.connections; // 14
 * eight.janus.uplinkKbps; // 300: once, to the server
 * ```
 */
export function uplinkModel(members: number, options: UplinkModelOptions): UplinkModel {
  const { streamKbps, layers = 1, uplinkKbps = DEFAULT_UPLINK_KBPS } = options;
  if (!Number.isInteger(members) || members < 2) {
    throw new RangeError(`uplinkModel: members must be a whole number of at least 2, not ${members}`);
  }
  if (!(streamKbps > 0) || !Number.isFinite(streamKbps)) {
    throw new RangeError(`uplinkModel: streamKbps must be a positive number, not ${streamKbps}`);
  }
  if (!Number.isInteger(layers) || layers < 1 || layers > SIMULCAST_LAYERS.length) {
    throw new RangeError(`uplinkModel: layers must be 1 to ${SIMULCAST_LAYERS.length}, not ${layers}`);
  }
  if (!(uplinkKbps > 0)) throw new RangeError(`uplinkModel: uplinkKbps must be a positive number, not ${uplinkKbps}`);
  const others = members - 1;
  const cost = (streams: number, wantedKbps: number, connections: number, maxMembers: number): MemberCost => ({
    streams,
    wantedKbps,
    uplinkKbps: Math.min(wantedKbps, uplinkKbps),
    connections,
    downlinkStreams: others,
    maxMembers,
    fits: members <= maxMembers,
  });
  return {
    members,
    // Two connections per pair: each member's call to the other carries its media (the room's
    // messages ride inside one of them), as README's "The mesh" tells.
    mesh: cost(others, others * streamKbps, 2 * others, DEFAULT_MAX_MEMBERS),
    janus: cost(1, streamKbps * simulcastShare(layers), JANUS_CONNECTIONS, DEFAULT_JANUS_MAX_MEMBERS),
  };
}

/**
 * How many full-size copies `layers` simulcast layers come to: each layer has half the pixels'
 * bitrate of the one above (as `layersWithin` shares them), so 1, 1.5 or 1.75.
 *
 * @example
 * ```ts
 * simulcastShare(3); // 1.75
 * ```
 */
export function simulcastShare(layers: number): number {
  let share = 0;
  for (let layer = 0; layer < layers; layer++) share += 1 / 2 ** layer;
  return share;
}
