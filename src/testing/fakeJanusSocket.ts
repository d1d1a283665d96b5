/**
 * A WebSocket to a pretend Janus server, for JanusSocket's unit tests: the test opens it,
 * reads what was sent, answers as Janus would, and closes it as a server going away would.
 */
import type { JanusWebSocket } from '../room/janus/JanusSocket.ts';

export class FakeJanusWebSocket extends EventTarget implements JanusWebSocket {
  readyState = 0;
  /** Every frame sent, parsed. */
  readonly sent: Record<string, unknown>[] = [];
  readonly closes: number[] = [];

  readonly url: string;
  readonly protocol: string;

  constructor(url: string, protocol: string) {
    super();
    this.url = url;
    this.protocol = protocol;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error(`FakeJanusWebSocket: send in readyState ${this.readyState}`);
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number): void {
    this.closes.push(code ?? 1005);
    this.readyState = 3;
  }

  /** The server accepted the connection. */
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  /** The server sends `frame` (an object is sent as JSON). */
  receive(frame: unknown): void {
    const data = typeof frame === 'string' || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame);
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }

  /** The connection is gone (1006: no close frame, as when Janus stops). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }

  /** The last frame sent of `janus` kind. */
  lastSent(janus: string): Record<string, unknown> & { transaction: string } {
    const frame = this.sent.findLast((sent) => sent.janus === janus);
    if (!frame) throw new Error(`FakeJanusWebSocket: nothing of kind "${janus}" was sent`);
    return frame as Record<string, unknown> & { transaction: string };
  }

  /** How many listeners are left: EventTarget does not say, so the socket under test is watched through these. */
  listeners = 0;

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    this.listeners++;
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    this.listeners--;
    super.removeEventListener(type, listener, options);
  }
}

/** A `createSocket` that keeps each socket it makes, for the test to drive. */
export function fakeJanusSockets(): {
  readonly sockets: FakeJanusWebSocket[];
  createSocket: (url: string, protocol: string) => FakeJanusWebSocket;
} {
  const sockets: FakeJanusWebSocket[] = [];
  return {
    sockets,
    createSocket: (url, protocol) => {
      const socket = new FakeJanusWebSocket(url, protocol);
      sockets.push(socket);
      return socket;
    },
  };
}
