/**
 * `peerstage/room`: the room layer, a full mesh over `peerstage/rtc`. Almost all of it is the
 * main path and also in the root entry (`peerstage`); here alone are the transports a room
 * runs on (`RoomTransport`, for `JoinOptions.transport`: `meshTransport`, and `janusTransport`
 * for rooms on a Janus media server, with `janusServerFor`, the room→server map) and `rendezvousId`,
 * for those who meet a room's members on a stock PeerServer by hand. Not here: the wire protocol
 * (protocol.ts), the handshake and admission, and the parts a room is built of.
 */
export { forEachPeer } from './forEachPeer.ts';
export { DEFAULT_HEARTBEAT, DEFAULT_UNRESPONSIVE_LEAVE_AFTER_MS, type HeartbeatPolicy } from './heartbeatPolicy.ts';
export { DEFAULT_MAX_MEMBERS, type JoinOptions } from './JoinOptions.ts';
export { DEFAULT_JANUS_MAX_MEMBERS } from './janus/JanusRoom.ts';
export { janusServerFor } from './janus/janusServerFor.ts';
export { type JanusTransportOptions, janusTransport } from './janus/janusTransport.ts';
export { joinRoom } from './joinRoom.ts';
export { meshTransport } from './meshTransport.ts';
export type { MemberMedia, RemotePeer } from './RemotePeer.ts';
export type { Room, RoomMessage } from './Room.ts';
export { RoomError, type RoomErrorReason } from './RoomError.ts';
export type { RoomTransport } from './RoomTransport.ts';
export { rendezvousId } from './rendezvousId.ts';
export { DEFAULT_UPLINK_KBPS, type VideoSize } from './splitUplink.ts';
