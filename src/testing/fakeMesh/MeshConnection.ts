/**
 * One end of a fake data connection between two fake Peers: a PeerJS DataConnection with
 * `raw` serialization, whose RTCDataChannel carries text to the other end's channel. What
 * one end does reaches the other one `latencyMs` later, on the (fake) timers, in order.
 */
import { FakeConnection, FakeRtcDataChannel, type DialOptions } from '../fakePeerJs.ts';
import { FakePeerConnection } from './FakePeerConnection.ts';

/** How the network carries things between the two ends: later, in the order they were sent. */
export interface Carrier {
  later(work: () => void): void;
}

/** The RTCDataChannel of one end: `send` delivers a `message` event at the other end's channel. */
export class MeshDataChannel extends FakeRtcDataChannel {
  override readyState: RTCDataChannelState = 'connecting';
  readonly #carrier: Carrier;
  #remote: MeshDataChannel | undefined;

  constructor(carrier: Carrier) {
    super();
    this.#carrier = carrier;
  }

  pairWith(remote: MeshDataChannel): void {
    this.#remote = remote;
  }

  override send(data?: unknown): void {
    // What a browser does: sending on a channel that is not open throws.
    if (this.readyState !== 'open') throw new DOMException(`RTCDataChannel.readyState is '${this.readyState}'`, 'InvalidStateError');
    const remote = this.#remote;
    this.#carrier.later(() => {
      if (remote?.readyState === 'open') remote.dispatchEvent(new MessageEvent('message', { data }));
    });
  }

  opens(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }

  closes(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
  }
}

let connectionCount = 0;

export class MeshConnection extends FakeConnection {
  readonly serialization = 'raw';
  readonly reliable = true;
  readonly type = 'data';
  /** Both ends share it, as PeerJS's ends share the ID the dialing side made. */
  readonly connectionId: string;
  override readonly dataChannel: MeshDataChannel;
  override readonly peerConnection: FakePeerConnection;
  readonly #carrier: Carrier;
  #remote: MeshConnection | undefined;

  constructor(remotePeerId: string, options: DialOptions, connectionId: string, role: 'offer' | 'answer', carrier: Carrier) {
    super(remotePeerId, options);
    this.connectionId = connectionId;
    this.#carrier = carrier;
    this.dataChannel = new MeshDataChannel(carrier);
    this.peerConnection = new FakePeerConnection(role);
  }

  /** A fresh connection ID, as PeerJS makes one (`dc_` and random characters). */
  static newId(): string {
    connectionCount += 1;
    return `dc_fake${connectionCount}`;
  }

  /** The other end, once the offer reached it. */
  get remote(): MeshConnection | undefined {
    return this.#remote;
  }

  /** Links the two ends: descriptions exchanged, channels carrying to each other. */
  static pair(dialing: MeshConnection, answering: MeshConnection): void {
    dialing.#remote = answering;
    answering.#remote = dialing;
    dialing.dataChannel.pairWith(answering.dataChannel);
    answering.dataChannel.pairWith(dialing.dataChannel);
    FakePeerConnection.pair(dialing.peerConnection, answering.peerConnection);
  }

  /** Connected and open, as PeerJS opens a DataConnection: the channel first, then `open`. */
  override opens(): void {
    if (this.closed) return;
    this.peerConnection.connects();
    this.dataChannel.opens();
    super.opens();
  }

  /** Closes both ends: this one now, the other one a moment later, as a hang-up travels. */
  override close(): void {
    if (this.closed) return;
    this.#closeHere();
    const remote = this.#remote;
    if (remote) this.#carrier.later(() => remote.#closeHere());
  }

  /** The path dropped: both ends notice at once, as when ICE fails. */
  drop(): void {
    this.#closeHere();
    const remote = this.#remote;
    if (remote) remote.#closeHere();
  }

  #closeHere(): void {
    if (this.closed) return;
    super.close();
    this.open = false;
    this.peerConnection.close();
    this.dataChannel.closes();
    this.emit('close');
  }
}
