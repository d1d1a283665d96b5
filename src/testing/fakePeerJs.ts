/**
 * Unit-test stand-ins for PeerJS: a Peer whose signaling server the test plays, and the data
 * connections it dials, with the members peerstage uses, on the emitter PeerJS is built on.
 */
import EventEmitter from 'eventemitter3';
import type { PeerOptions } from 'peerjs';

/** A PeerJS error as PeerJS emits it: an Error with a `type`. */
export const peerError = (type: string, message: string) => Object.assign(new Error(message), { type });

/** The data channel under a fake connection: enough for DataChannel to attach to. */
export class FakeRtcDataChannel extends EventTarget {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  /** Drops what is sent; fakeMesh's channel delivers it to the other end instead. */
  send(_data?: unknown): void {}
}

export interface DialOptions {
  readonly label?: string;
  readonly metadata?: unknown;
}

/** The members of a PeerJS DataConnection that openDataChannel and DataChannel use. */
export class FakeConnection extends EventEmitter {
  open = false;
  closed = false;
  readonly peer: string;
  readonly options: DialOptions;
  readonly label: string;
  readonly metadata: unknown;
  readonly dataChannel = new FakeRtcDataChannel();
  readonly peerConnection = new EventTarget();

  constructor(peer: string, options: DialOptions) {
    super();
    this.peer = peer;
    this.options = options;
    this.label = options.label ?? 'fake';
    this.metadata = options.metadata;
  }

  opens(): void {
    this.open = true;
    this.emit('open');
  }

  close(): void {
    this.closed = true;
  }
}

/** PeerJS's socket to the server, as far as peerstage's posts use it: what is sent, and `message` events. */
export class FakeSocket extends EventEmitter {
  readonly sent: { type: string; dst: string; payload: unknown }[] = [];
  send(message: { type: string; dst: string; payload: unknown }): void {
    this.sent.push(message);
  }
}

/**
 * The members of a PeerJS Peer that PeerSession uses, on the same emitter PeerJS is built on.
 * The methods after the constructor play the signaling server; flags follow PeerJS 1.5:
 * after a fatal error a Peer that never opened is destroyed, one that did is disconnected.
 */
export class FakePeer extends EventEmitter {
  readonly id: string;
  readonly options: PeerOptions;
  readonly #now: () => number;
  open = false;
  disconnected = false;
  destroyed = false;
  /** The virtual times `reconnect()` was called at. */
  readonly reconnects: number[] = [];
  readonly dials: FakeConnection[] = [];
  readonly socket = new FakeSocket();

  constructor(id: string | undefined, options: PeerOptions, now: () => number) {
    super();
    this.id = id ?? 'server-picked';
    this.options = options;
    this.#now = now;
  }

  reconnect(): void {
    this.reconnects.push(this.#now());
    this.disconnected = false;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.open = false;
    if (!this.disconnected) {
      this.disconnected = true;
      this.emit('disconnected', this.id);
    }
    this.emit('close');
  }

  /** `undefined` as PeerJS answers while disconnected (fakeMesh's Peer does; this one never is). */
  connect(remoteId: string, options: DialOptions): FakeConnection | undefined {
    const connection = new FakeConnection(remoteId, options);
    this.dials.push(connection);
    return connection;
  }

  call(): undefined {
    return undefined;
  }

  // The signaling server's side.

  serverOpens(): void {
    this.open = true;
    this.disconnected = false;
    this.emit('open', this.id);
  }

  /** After `open`: the socket dropped. PeerJS emits the error, then disconnects. */
  losesSignaling(): void {
    this.emit('error', peerError('network', 'Lost connection to server.'));
    this.open = false;
    this.disconnected = true;
    this.emit('disconnected', this.id);
  }

  /** Before the first `open`: PeerJS emits the error, then destroys the Peer. */
  failsBeforeOpen(type = 'network', message = 'Lost connection to server.'): void {
    this.emit('error', peerError(type, message));
    this.destroy();
  }

  fails(type: string, message: string): void {
    this.emit('error', peerError(type, message));
  }
}
