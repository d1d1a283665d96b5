/**
 * A fake PeerJS Peer on a fake mesh: it registers with the mesh's signaling server, dials
 * other Peers through it, and posts through its socket. Events follow PeerJS 1.5: `open`
 * with the ID once registered; on a lost server `error` then `disconnected`; `reconnect()`
 * registers the same ID again; a Peer that never opened is destroyed by its first failure.
 */
import type { PeerOptions } from 'peerjs';
import { type DialOptions, FakePeer, FakeSocket, peerError } from '../fakePeerJs.ts';
import type { MeshConnection } from './MeshConnection.ts';

/** A message a Peer sends its server through its socket (peerstage's posts ride on these). */
export interface ServerMessage {
  readonly type: string;
  readonly dst: string;
  readonly payload: unknown;
}

/** What a fake Peer asks of its signaling server. */
export interface SignalingServer {
  /** Registers `peer`'s ID, a moment later: it opens, or fails. */
  register(peer: MeshPeer): void;
  /** Forgets `peer` (destroyed, or its socket lost). */
  release(peer: MeshPeer): void;
  /** Dials `remoteId` for `peer`: the dialing end, the other one made when the offer arrives. */
  dial(peer: MeshPeer, remoteId: string, options: DialOptions): MeshConnection;
  /** Relays `message` to its `dst`, with `src` set to `peer`'s ID. */
  relay(peer: MeshPeer, message: ServerMessage): void;
}

/** The socket's `send` goes to the server; what the server relays arrives as `message` events. */
export class MeshSocket extends FakeSocket {
  readonly #forward: (message: ServerMessage) => void;

  constructor(forward: (message: ServerMessage) => void) {
    super();
    this.#forward = forward;
  }

  override send(message: ServerMessage): void {
    super.send(message);
    this.#forward(message);
  }
}

export class MeshPeer extends FakePeer {
  /** Which test member made this Peer: outages cut all of a member's Peers. */
  readonly owner: string;
  /** Both ends of every connection this Peer dialed or took, for closing them with it. */
  readonly connections = new Set<MeshConnection>();
  override readonly socket = new MeshSocket((message) => this.#server.relay(this, message));
  readonly #server: SignalingServer;
  /** Whether it ever opened: PeerJS destroys a Peer whose first registration fails. */
  hasOpened = false;

  constructor(id: string, options: PeerOptions, owner: string, server: SignalingServer) {
    // PeerJS makes a token for every Peer; the room shows it to a server's directory.
    super(id, { ...options, token: options.token ?? `token-${id}` }, () => Date.now());
    this.owner = owner;
    this.#server = server;
    server.register(this);
  }

  override connect(remoteId: string, options: DialOptions): MeshConnection | undefined {
    if (this.disconnected || this.destroyed) {
      // PeerJS 1.5: an error, and no connection.
      this.emit('error', peerError('disconnected', 'Cannot connect to new Peer after disconnecting from server.'));
      return undefined;
    }
    const connection = this.#server.dial(this, remoteId, options);
    this.dials.push(connection);
    this.connections.add(connection);
    return connection;
  }

  /** The other end of a connection someone dialed to this Peer: PeerJS emits it before it opens. */
  accepts(connection: MeshConnection): void {
    this.connections.add(connection);
    this.emit('connection', connection);
  }

  override reconnect(): void {
    if (this.destroyed || !this.disconnected) return;
    super.reconnect();
    this.#server.register(this);
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.#server.release(this);
    for (const connection of this.connections) connection.close();
    super.destroy();
  }

  // What the server tells it.

  override serverOpens(): void {
    this.hasOpened = true;
    super.serverOpens();
  }

  /**
   * A registration failed: before the first `open` PeerJS destroys the Peer; after it, the Peer
   * is disconnected (a `reconnect()` may try again).
   */
  registrationFails(type: string, message: string): void {
    if (!this.hasOpened) {
      this.failsBeforeOpen(type, message);
      return;
    }
    this.emit('error', peerError(type, message));
    this.open = false;
    this.disconnected = true;
    this.emit('disconnected', this.id);
  }
}
