/**
 * A fake PeerJS network in Node, for unit tests of the room: one stock PeerServer (IDs, dials,
 * relayed posts; no room logic) and the Peers of any number of test members, their data
 * connections carrying text end to end. Everything travels on timers (`latencyMs`), so under
 * `vi.useFakeTimers` a test runs in virtual time, in a fixed order.
 *
 * Supported: registering (random or asked-for IDs, `unavailable-id` for a taken one), `open`,
 * `disconnected` and `reconnect()` as PeerJS 1.5 has them, `peer.connect` (both ends, `open`
 * a moment later, `peer-unavailable` for an ID nobody holds), text over `raw` channels, close
 * from either end, posts through `peer.socket` (`src` set by the server), outages of one
 * member's signaling, dropped connections, dials that fail (`failNextDials`).
 * Not yet: calls (`peer.call` answers nothing: rooms joined without a `stream` need none),
 * paths that go quiet without closing (ICE restarts), binary data's flow control (the
 * buffer is always empty). `fetch` is the test's to stub: a stock PeerServer's 404
 * ({@link stockPeerServerFetch}) or a server's room directory (fakeMesh/roomDirectoryFetch.ts).
 */
import type { Peer } from 'peerjs';
import type { PeerFactory } from '../rtc/PeerSession.ts';
import { peerError, type DialOptions } from './fakePeerJs.ts';
import { MeshConnection } from './fakeMesh/MeshConnection.ts';
import { MeshPeer, type ServerMessage, type SignalingServer } from './fakeMesh/MeshPeer.ts';

export { MeshConnection } from './fakeMesh/MeshConnection.ts';
export { MeshPeer } from './fakeMesh/MeshPeer.ts';

export interface FakeMeshOptions {
  /** How long anything takes to get across: a post, an offer, a message, a hang-up (default 1). */
  readonly latencyMs?: number;
  /** How long until the server reports a dial to an ID nobody holds (PeerServer's `expire_timeout`: 5 s). */
  readonly unavailableAfterMs?: number;
}

/**
 * What `fetch` answers on a stock PeerServer for anything peerstage asks (its room directory,
 * its client config): 404. Stub the global with it (`vi.stubGlobal('fetch', stockPeerServerFetch)`).
 */
export const stockPeerServerFetch = (): Promise<Response> => Promise.resolve(new Response('Not Found', { status: 404 }));

/** Signaling options for a room on the fake mesh: the fake ignores them, the room needs some. */
export const FAKE_SIGNALING = { host: 'fake-mesh.invalid', port: 9000, path: '/peerjs' } as const;

export class FakeMesh implements SignalingServer {
  readonly #latencyMs: number;
  readonly #unavailableAfterMs: number;
  /** Registered Peers by ID: the server's whole state. */
  readonly #registered = new Map<string, MeshPeer>();
  /** Every Peer made, by owner, in order. */
  readonly #made = new Map<string, MeshPeer[]>();
  /** Dials that will close before they open, by `owner→other`: how many more. */
  readonly #failing = new Map<string, number>();
  /** Members whose signaling is down. */
  readonly #cutOff = new Set<string>();
  #idCount = 0;

  constructor(options: FakeMeshOptions = {}) {
    this.#latencyMs = options.latencyMs ?? 1;
    this.#unavailableAfterMs = options.unavailableAfterMs ?? 5_000;
  }

  /** The `createPeer` of member `owner`: its Peers join this mesh. */
  peerFactory(owner: string): PeerFactory {
    return (id, options) => {
      const peer = new MeshPeer(id ?? this.#randomId(), options, owner, this);
      this.#made.set(owner, [...this.peersOf(owner), peer]);
      return peer as unknown as Peer;
    };
  }

  /** The Peers `owner` made, in order (destroyed ones too). */
  peersOf(owner: string): readonly MeshPeer[] {
    return this.#made.get(owner) ?? [];
  }

  /** The Peer holding `id` now, if any. */
  holder(id: string): MeshPeer | undefined {
    return this.#registered.get(id);
  }

  // Controls.

  /** `owner`'s signaling drops: its Peers lose the server (their links stay) and cannot register until {@link restoreSignaling}. */
  cutSignaling(owner: string): void {
    this.#cutOff.add(owner);
    for (const peer of this.peersOf(owner)) {
      if (this.#registered.get(peer.id) !== peer) continue;
      this.#registered.delete(peer.id);
      peer.losesSignaling();
    }
  }

  /** `owner` can reach the server again: its Peers' next reconnect succeeds. */
  restoreSignaling(owner: string): void {
    this.#cutOff.delete(owner);
  }

  /**
   * Drops every open connection between the Peers of `owner` and those of `other`, as a failed
   * path. By the connections' ends, not by IDs: an ID such as a room's rendezvous ID passes
   * from member to member, and a connection to its holder now is not one to `other`.
   */
  dropConnections(owner: string, other: string): void {
    for (const connection of this.connectionsBetween(owner, other)) connection.drop();
  }

  /** The open connections between the Peers of `owner` and those of `other`: `owner`'s ends. */
  connectionsBetween(owner: string, other: string): MeshConnection[] {
    const theirs = new Set(this.peersOf(other).flatMap((peer) => [...peer.connections]));
    return this.peersOf(owner).flatMap((peer) =>
      [...peer.connections].filter((connection) => !connection.closed && connection.remote !== undefined && theirs.has(connection.remote)),
    );
  }

  /**
   * The next `count` dials from a Peer of `owner` to one of `other` close before they open, as
   * when ICE fails: the dialing side sees `close` and no `open`, the other side nothing.
   */
  failNextDials(owner: string, other: string, count = 1): void {
    this.#failing.set(`${owner}→${other}`, count);
  }

  // The server.

  register(peer: MeshPeer): void {
    this.#later(() => {
      if (peer.destroyed) return;
      if (this.#cutOff.has(peer.owner)) return peer.registrationFails('network', 'Lost connection to server.');
      const holder = this.#registered.get(peer.id);
      if (holder && holder !== peer) return peer.registrationFails('unavailable-id', `ID "${peer.id}" is taken`);
      this.#registered.set(peer.id, peer);
      peer.serverOpens();
    });
  }

  release(peer: MeshPeer): void {
    if (this.#registered.get(peer.id) === peer) this.#registered.delete(peer.id);
  }

  dial(peer: MeshPeer, remoteId: string, options: DialOptions): MeshConnection {
    const connectionId = MeshConnection.newId();
    const carrier = { later: (work: () => void) => this.#later(work) };
    const dialing = new MeshConnection(remoteId, options, connectionId, 'offer', carrier);
    this.#later(() => {
      // The offer goes through the server: only while the dialing Peer is registered.
      if (dialing.closed || this.#registered.get(peer.id) !== peer) return;
      const remote = this.#registered.get(remoteId);
      if (!remote) {
        setTimeout(() => {
          if (!peer.destroyed) peer.emit('error', peerError('peer-unavailable', `Could not connect to peer ${remoteId}`));
        }, this.#unavailableAfterMs);
        return;
      }
      const failing = `${peer.owner}→${remote.owner}`;
      const failures = this.#failing.get(failing) ?? 0;
      if (failures > 0) {
        this.#failing.set(failing, failures - 1);
        return dialing.drop();
      }
      const answering = new MeshConnection(peer.id, options, connectionId, 'answer', carrier);
      MeshConnection.pair(dialing, answering);
      remote.accepts(answering);
      // ICE and DTLS take a moment more; both ends open together.
      this.#later(() => {
        answering.opens();
        dialing.opens();
      });
    });
    return dialing;
  }

  relay(peer: MeshPeer, message: ServerMessage): void {
    // A socket that is not open sends nothing (PeerJS drops it).
    if (this.#registered.get(peer.id) !== peer) return;
    const src = peer.id;
    this.#later(() => this.#registered.get(message.dst)?.socket.emit('message', { ...message, src }));
  }

  #later(work: () => void): void {
    setTimeout(work, this.#latencyMs);
  }

  /** What a PeerServer hands out when no ID is asked for: unique, and fixed within a test run. */
  #randomId(): string {
    this.#idCount += 1;
    return `peer-${this.#idCount.toString().padStart(4, '0')}`;
  }
}
