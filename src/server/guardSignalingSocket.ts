/**
 * Limits on one accepted signaling socket, for what frames under the size cap can still do:
 *
 * - Inbound, a byte budget. The PeerServer keeps messages for IDs nobody holds (up to its
 *   expire timeout, in case they come) and relays the rest: a client sending legal messages
 *   as fast as it can filled the server by hundreds of MB a second. Signaling needs little,
 *   nearly all of it while joining, so a client over {@link SIGNALING_BUDGET} is closed
 *   (1008, policy violation).
 * - Outbound, a cap on what waits unread. The PeerServer writes to a client's socket whatever
 *   others send it; a client that stops reading would have the server hold all of that. Past
 *   {@link MAX_UNREAD_BYTES} the socket is dropped.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { byteBudget, type ByteBudgetLimits } from './byteBudget.ts';
import { dropAfterCloseFrame } from './dropAfterCloseFrame.ts';

/**
 * Per socket: a burst of 512 KiB, then 32 KiB a second. Measured on loopback, a member joining
 * a four-member room with media sent 66 KB (about 100 messages, offers, answers and
 * candidates) in its first seconds and nothing much after; six members without media 16 KB
 * each. Real networks add candidates, bigger rooms add peers: the burst leaves room for both.
 * What one socket can have the server hold is then about 0.7 MB (the burst, plus the rate for
 * the PeerServer's expire timeout).
 */
export const SIGNALING_BUDGET: ByteBudgetLimits = { burstBytes: 512 * 1024, bytesPerSecond: 32 * 1024 };

/** What the server lets wait for a client that does not read: a few of the largest messages. */
export const MAX_UNREAD_BYTES = 1024 * 1024;

/** RFC 6455: the endpoint is closing because a message violated its policy. */
const POLICY_VIOLATION = 1008;

function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (Array.isArray(data)) return data.reduce<number>((sum, part) => sum + byteLength(part), 0);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Applies both limits to `ws`, whose raw socket is `socket`. Call it before anyone else
 * listens to `ws`: its message listener must run first.
 *
 * @example
 * ```ts
 * import { WebSocketServer } from 'ws';
 * const webSocketServer = new WebSocketServer({ noServer: true });
 * server.on('upgrade', (request, socket, head) => {
 *   webSocketServer.handleUpgrade(request, socket, head, (ws) => {
 *     guardSignalingSocket(ws, socket);
 *     webSocketServer.emit('connection', ws, request);
 *   });
 * });
 * ```
 */
export function guardSignalingSocket(
  ws: WebSocket,
  socket: Duplex,
  budget: ByteBudgetLimits = SIGNALING_BUDGET,
  maxUnreadBytes: number = MAX_UNREAD_BYTES,
): void {
  const inbound = byteBudget(budget);
  let refused = false;
  ws.on('message', (data) => {
    if (refused || inbound.take(byteLength(data))) return;
    refused = true;
    // The close frame goes out, then the socket: what the client still sends is not read (the
    // PeerServer, listening behind us, would relay or keep it).
    ws.close(POLICY_VIOLATION, 'More signaling than a client needs.');
    socket.end();
    dropAfterCloseFrame(socket);
  });

  // The PeerServer sends through `ws.send`: every write to this client passes here.
  const send = ws.send.bind(ws) as (data: unknown, ...rest: unknown[]) => void;
  ws.send = ((data: unknown, ...rest: unknown[]) => {
    if (ws.bufferedAmount + byteLength(data) > maxUnreadBytes) {
      ws.terminate();
      return;
    }
    send(data, ...rest);
  }) as WebSocket['send'];
}
