/**
 * Rooms on a fake mesh, for unit tests of the room's rules through its public API alone
 * (`joinRoom`, `Room`): fake timers, virtual time that lets WebCrypto finish, a stock
 * PeerServer (no room directory) unless told otherwise, and `Math.random` seeded, so a test
 * sees the same order of events on every run.
 *
 * @example
 * ```ts
 * let world: FakeRoom;
 * beforeEach(() => (world = new FakeRoom()));
 * afterEach(() => world.dispose());
 * it('meets', async () => {
 *   const ada = world.join('ada');
 *   const bob = world.join('bob');
 *   await world.time.advance(2_000);
 *   expect(ada.roster()).toEqual(['bob']);
 * });
 * ```
 */
import { type MockInstance, vi } from 'vitest';
import type { JoinOptions } from '../room/JoinOptions.ts';
import { joinRoom } from '../room/joinRoom.ts';
import type { RemotePeer } from '../room/RemotePeer.ts';
import type { Room, RoomMessage } from '../room/Room.ts';
import type { RoomError } from '../room/RoomError.ts';
import { FAKE_SIGNALING, FakeMesh, type FakeMeshOptions, stockPeerServerFetch } from './fakeMesh.ts';
import { type VirtualTime, virtualTime } from './fakeMesh/virtualTime.ts';

/** A member joined on the fake mesh, with what its room has said so far. */
export interface Member {
  /** The name it joined with: also the owner of its Peers on the mesh. */
  readonly name: string;
  readonly room: Room;
  /** Its own PeerJS ID, once `self$` told it. */
  id(): string | undefined;
  /** The names on its roster now, sorted (duplicates kept: a roster must have none). */
  roster(): string[];
  /** The roster's objects now. */
  peers(): readonly RemotePeer[];
  /** Every roster it was handed, in order, as names in roster order. */
  readonly rosters: string[][];
  readonly messages: RoomMessage[];
  readonly errors: RoomError[];
  /** Whether its room has ended (`errors$` completed). */
  ended(): boolean;
}

export interface FakeRoomOptions extends FakeMeshOptions {
  /**
   * What `fetch` answers on the mesh (the signaling server's room directory: see
   * fakeMesh/roomDirectoryFetch.ts); default a stock PeerServer's 404.
   */
  readonly fetch?: (mesh: FakeMesh) => typeof fetch;
  /** Seed of `Math.random` (default 1). */
  readonly seed?: number;
}

/** A small seeded generator (mulberry32): the same numbers every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FakeRoom {
  readonly mesh: FakeMesh;
  readonly time: VirtualTime;
  readonly #members: Member[] = [];
  readonly #random: MockInstance<() => number>;

  /** Call in `beforeEach`: it turns fake timers on. */
  constructor(options: FakeRoomOptions = {}) {
    vi.useFakeTimers();
    this.mesh = new FakeMesh(options);
    vi.stubGlobal('fetch', options.fetch?.(this.mesh) ?? stockPeerServerFetch);
    this.#random = vi.spyOn(Math, 'random').mockImplementation(seededRandom(options.seed ?? 1));
    this.time = virtualTime();
  }

  /** `name` joins `roomId` (default `jam`) on the mesh; its Peers are made by its own factory. */
  join(name: string, options: JoinOptions = {}, roomId = 'jam'): Member {
    const room = joinRoom(roomId, { name, signaling: FAKE_SIGNALING, iceServers: [], createPeer: this.mesh.peerFactory(name), ...options });
    let peers: readonly RemotePeer[] = [];
    let id: string | undefined;
    let ended = false;
    const member: Member = {
      name,
      room,
      id: () => id,
      roster: () => peers.map((peer) => peer.name ?? peer.id).sort(),
      peers: () => peers,
      rosters: [],
      messages: [],
      errors: [],
      ended: () => ended,
    };
    room.self$.subscribe((self) => (id = self.id));
    room.peers$.subscribe((next) => {
      peers = next;
      member.rosters.push(next.map((peer) => peer.name ?? peer.id));
    });
    room.messages$.subscribe((message) => member.messages.push(message));
    room.errors$.subscribe({ next: (error) => member.errors.push(error), complete: () => (ended = true) });
    this.#members.push(member);
    return member;
  }

  /** How many open connections join the Peers of `owner` to those of `other` (its own ID's, and any rendezvous ID it holds). */
  openConnections(owner: string, other: string): number {
    return this.mesh.connectionsBetween(owner, other).length;
  }

  /** Who dialed each open connection between `owner`'s Peers and `other`'s: `owner` or `other`, one entry per connection. */
  dialers(owner: string, other: string): string[] {
    const dialed = new Set(this.mesh.peersOf(owner).flatMap((peer) => peer.dials));
    return this.mesh.connectionsBetween(owner, other).map((connection) => (dialed.has(connection) ? owner : other));
  }

  /** The members holding the room's rendezvous ID (a registered Peer of theirs but their own): one, on a stock PeerServer. */
  directoryHolders(): string[] {
    return this.#members
      .filter((member) => this.mesh.peersOf(member.name).some((peer) => peer.id !== member.id() && this.mesh.holder(peer.id) === peer))
      .map((member) => member.name);
  }

  /** Call in `afterEach`: every member leaves, and the clock and globals are put back. */
  dispose(): void {
    for (const member of this.#members.splice(0)) member.room.leave();
    this.time.dispose();
    this.#random.mockRestore();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  }
}
