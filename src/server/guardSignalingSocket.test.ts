import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { guardSignalingSocket } from './guardSignalingSocket.ts';

/**
 * A WebSocket as far as the guard sees one: a real socket cannot show it, since the kernel
 * takes megabytes a reader leaves unread before `bufferedAmount` moves at all.
 */
class FakeWebSocket extends EventEmitter {
  bufferedAmount = 0;
  readonly sent: unknown[] = [];
  readonly send = vi.fn((data: unknown) => {
    this.sent.push(data);
    this.bufferedAmount += Buffer.byteLength(String(data));
  });
  readonly terminate = vi.fn();
  readonly close = vi.fn();
}

describe('guardSignalingSocket', () => {
  it('drops a client once what waits unread for it would pass the cap, and sends it nothing more', () => {
    const ws = new FakeWebSocket();
    const send = ws.send;
    guardSignalingSocket(ws as unknown as WebSocket, new PassThrough(), { burstBytes: 1024, bytesPerSecond: 0 }, 100);
    ws.send('a'.repeat(60));
    expect(send).toHaveBeenCalledTimes(1);
    expect(ws.terminate).not.toHaveBeenCalled();
    ws.send('a'.repeat(60));
    expect(ws.terminate).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('closes a client over its inbound budget with 1008 and ends the socket', () => {
    const ws = new FakeWebSocket();
    const socket = new PassThrough();
    guardSignalingSocket(ws as unknown as WebSocket, socket, { burstBytes: 100, bytesPerSecond: 0 });
    ws.emit('message', Buffer.alloc(60), false);
    expect(ws.close).not.toHaveBeenCalled();
    ws.emit('message', Buffer.alloc(60), false);
    expect(ws.close).toHaveBeenCalledWith(1008, expect.any(String));
    expect(socket.writableEnded).toBe(true);
    ws.emit('message', Buffer.alloc(60), false);
    expect(ws.close).toHaveBeenCalledTimes(1);
  });
});
