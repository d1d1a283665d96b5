/**
 * Answers an HTTP upgrade request that will not be upgraded, and closes its socket.
 *
 * Once Node hands a socket to an `upgrade` listener it no longer answers, times out or closes
 * it: a listener that ignores a request leaves the socket open for as long as the client likes
 * (a file descriptor each, and a server whose `close()` waits on them).
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Writes `status` with a short plain-text reason, then destroys `socket` once that is flushed.
 *
 * @example
 * ```ts
 * server.on('upgrade', (request, socket) => {
 *   if (request.url !== '/socket') refuseUpgrade(socket, 404);
 * });
 * ```
 */
export function refuseUpgrade(socket: Duplex, status: number, reason = STATUS_CODES[status] ?? 'Refused'): void {
  // The client may reset the connection first; with no listener that would be thrown.
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
