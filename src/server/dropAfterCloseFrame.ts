/**
 * Letting go of a WebSocket the server refused (a frame over its cap, a malformed one, a spent
 * byte budget) once its close frame is out. ws would read on, and drop, whatever the client
 * still sends for up to 30 s; reading nothing is cheaper. But a socket destroyed with unread
 * data answers with a TCP reset, and a reset makes the client's kernel throw away what it had
 * not read yet — the close frame too, so the client would see 1006 instead of the reason. So the
 * socket stops reading (the kernel's window closes on the sender; nothing grows here) and goes
 * after a short grace in which the client can read the close frame.
 */
import type { Duplex } from 'node:stream';

/** How long a refused socket waits, unread, between its close frame and its end. */
export const CLOSE_FRAME_GRACE_MS = 2_000;

/**
 * Destroys `socket` {@link CLOSE_FRAME_GRACE_MS} after everything written to it (the close
 * frame) has gone out, reading nothing more meanwhile.
 *
 * @example
 * ```ts
 * import type { WebSocket } from 'ws';
 * declare const ws: WebSocket;
 * declare const socket: import('node:stream').Duplex;
 * ws.once('error', () => dropAfterCloseFrame(socket)); // ws has sent its close frame (1009, 1002)
 * ```
 */
export function dropAfterCloseFrame(socket: Duplex, graceMs: number = CLOSE_FRAME_GRACE_MS): void {
  const drop = () => {
    socket.pause();
    // unref: a server shutting down does not wait for refused sockets; it destroys them itself.
    const timer = setTimeout(() => socket.destroy(), graceMs).unref();
    socket.once('close', () => clearTimeout(timer));
  };
  if (socket.writableFinished) drop();
  else socket.once('finish', drop);
}
