import EventEmitter from 'eventemitter3';
import type { MediaConnection } from 'peerjs';
import { describe, expect, it } from 'vitest';
import { Call } from './Call.ts';

/** A DTLS transport whose state the test sets, as the browser would on a close_notify. */
class FakeDtlsTransport extends EventTarget {
  state: RTCDtlsTransportState = 'new';
  becomes(state: RTCDtlsTransportState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

/** The members of RTCPeerConnection that Call follows. */
class FakePeerConnection extends EventTarget {
  connectionState: RTCPeerConnectionState = 'new';
  readonly transport = new FakeDtlsTransport();
  /** Transports exist once negotiated: none before the connection is up. */
  negotiated = false;
  getSenders() {
    return [{ transport: this.negotiated ? this.transport : null }];
  }
  getReceivers() {
    return [{ transport: this.negotiated ? this.transport : null }];
  }
  becomes(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

/** A PeerJS MediaConnection with the members Call uses. */
class FakeMediaConnection extends EventEmitter {
  readonly peer = 'far';
  readonly metadata = undefined;
  readonly remoteStream = undefined;
  readonly peerConnection = new FakePeerConnection();
  open = true;
  closed = false;
  close(): void {
    this.open = false;
    this.closed = true;
  }
}

/** A Call over a fake connection, and whether it has ended. */
function call() {
  const connection = new FakeMediaConnection();
  const subject = new Call(connection as unknown as MediaConnection);
  let ended = false;
  subject.closed$.subscribe(() => (ended = true));
  return { connection, pc: connection.peerConnection, ended: () => ended };
}

describe('Call sees the far side hang up', () => {
  it('when its DTLS transport closes while the connection still says connected (Firefox)', () => {
    const { connection, pc, ended } = call();
    pc.negotiated = true;
    pc.becomes('connected');
    expect(ended()).toBe(false);
    pc.transport.becomes('closed');
    expect(ended()).toBe(true);
    expect(connection.closed).toBe(true);
  });

  it('when its DTLS transport fails', () => {
    const { pc, ended } = call();
    pc.negotiated = true;
    pc.becomes('connected');
    pc.transport.becomes('failed');
    expect(ended()).toBe(true);
  });

  it('when the connection closes or fails (Chromium)', () => {
    for (const state of ['closed', 'failed'] as const) {
      const { pc, ended } = call();
      pc.becomes(state);
      expect(ended()).toBe(true);
    }
  });

  it('not while the transport connects, nor after the call ended by itself', () => {
    const { connection, pc, ended } = call();
    pc.negotiated = true;
    pc.becomes('connected');
    pc.transport.becomes('connecting');
    pc.transport.becomes('connected');
    pc.becomes('disconnected');
    expect(ended()).toBe(false);
    connection.emit('close');
    expect(ended()).toBe(true);
    // Its listeners are gone: a late transport change does nothing more.
    connection.closed = false;
    pc.transport.becomes('closed');
    expect(connection.closed).toBe(false);
  });
});
