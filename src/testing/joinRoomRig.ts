/**
 * The rig of the joinRoom browser tests (src/room/joinRoom.*.browser.test.ts): members that join
 * through the test run's real PeerServers, and what is left of them after each test.
 */
import Peer, { BaseConnectionErrorType, type PeerOptions } from 'peerjs';
import { filter, firstValueFrom, map } from 'rxjs';
import { testSessionOptions } from './testSignaling.ts';
import type { JoinOptions } from '../room/JoinOptions.ts';
import { joinRoom } from '../room/joinRoom.ts';
import type { Room } from '../room/Room.ts';

export const rooms: Room[] = [];
export const streams: MediaStream[] = [];
/** Leaves every room and stops every stream a test made: each test file runs it after each test. */
export function leaveAll(): void {
  for (const room of rooms.splice(0)) room.leave();
  for (const track of streams.splice(0).flatMap((stream) => stream.getTracks())) track.stop();
}

export const uniqueRoom = () => `room-${crypto.randomUUID()}`;

/** The server `join` signals through: each describe picks one of the run's two. */
export let signalingPort: number;

/** Picks the server `join` signals through (a module's binding is read-only to its importers). */
export function signalThrough(port: number): void {
  signalingPort = port;
}

export function join(roomId: string, name: string, options: JoinOptions = {}): Room {
  const { signaling, iceServers } = testSessionOptions(signalingPort);
  const room = joinRoom(roomId, { signaling, iceServers, name, ...options });
  rooms.push(room);
  return room;
}

/**
 * A Peer factory whose first `failures` room connections fail, taking turns between the two
 * ways a starved machine loses them: negotiation fails before the channel opens, or the
 * channel closes as it opens, mid-handshake. `dials` counts every room connection tried.
 */
export function peersFailingFirstDials(failures: number): { createPeer: NonNullable<JoinOptions['createPeer']>; dials: () => number } {
  let dials = 0;
  const createPeer = (id: string | undefined, options: PeerOptions) => {
    const peer = id === undefined ? new Peer(options) : new Peer(id, options);
    const connect = peer.connect.bind(peer);
    peer.connect = (remoteId, connectOptions) => {
      const connection = connect(remoteId, connectOptions);
      if (connectOptions?.label !== 'peerstage-room' || ++dials > failures) return connection;
      if (dials % 2 === 1)
        queueMicrotask(() => connection?.emitError(BaseConnectionErrorType.NegotiationFailed, 'failed on purpose by the test'));
      else connection?.once('open', () => queueMicrotask(() => connection.close()));
      return connection;
    };
    return peer;
  };
  return { createPeer, dials: () => dials };
}

export const rosterNames = (room: Room) => room.peers$.pipe(map((peers) => peers.map((peer) => peer.name ?? '?').sort()));
export const untilRoster = (room: Room, names: string[]) =>
  firstValueFrom(rosterNames(room).pipe(filter((roster) => JSON.stringify(roster) === JSON.stringify([...names].sort()))));

/** Ada, Bo and Cy join a new room at once; resolves once each lists the other two. */
export async function threeWhoMeet(): Promise<[Room, Room, Room]> {
  const roomId = uniqueRoom();
  const rooms: [Room, Room, Room] = [join(roomId, 'ada'), join(roomId, 'bo'), join(roomId, 'cy')];
  const [ada, bo, cy] = rooms;
  await Promise.all([untilRoster(ada, ['bo', 'cy']), untilRoster(bo, ['ada', 'cy']), untilRoster(cy, ['ada', 'bo'])]);
  return rooms;
}
