/**
 * Who holds which PeerJS ID on an embedded PeerServer, from the server's own events: the
 * clients it accepted (`connection`, after its ID-TAKEN check) and those it let go
 * (`disconnect`: socket closed, or silent past `alive_timeout`; or a `LEAVE` the client sent
 * without a destination, which the PeerServer takes as its goodbye and reports no further).
 */
import type { EventEmitter } from 'node:events';
import type { ClientRegistry } from './roomDirectory.ts';

/** The part of a PeerServer client (npm `peer`) this registry reads. */
interface PeerServerClient {
  getId(): string;
  getToken(): string;
}

export interface SignalingClients extends ClientRegistry {
  /** How many IDs are registered now. */
  readonly size: number;
  /** Stops following the server. */
  close(): void;
}

/**
 * Follows the clients of `peerServer` (the express app `ExpressPeerServer` returns).
 *
 * @example
 * ```ts
 * import { ExpressPeerServer } from 'peer';
 * declare const token: string; // the one Ada registered her ID with
 * const clients = signalingClients(ExpressPeerServer(server, { path: '/' }));
 * clients.holds('ada-id', token); // true while Ada's socket is registered with that token
 * ```
 */
export function signalingClients(peerServer: EventEmitter): SignalingClients {
  const tokens = new Map<string, string>();
  const listeners = new Set<(id: string) => void>();
  const left = (id: string) => {
    tokens.delete(id);
    for (const listener of listeners) listener(id);
  };
  const onConnection = (client: PeerServerClient) => {
    const id = client.getId();
    const previous = tokens.get(id);
    // Someone else holds the ID now: whoever held it before has gone, whatever it left behind.
    if (previous !== undefined && previous !== client.getToken()) left(id);
    tokens.set(id, client.getToken());
  };
  const onDisconnect = (client: PeerServerClient) => {
    // A client that came back under its ID with the same token is still there.
    if (tokens.get(client.getId()) === client.getToken()) left(client.getId());
  };
  const onMessage = (client: PeerServerClient, message: { type?: unknown; dst?: unknown }) => {
    if (message.type === 'LEAVE' && !message.dst) onDisconnect(client);
  };
  peerServer.on('connection', onConnection);
  peerServer.on('disconnect', onDisconnect);
  peerServer.on('message', onMessage);
  return {
    holds: (id, token) => tokens.get(id) === token,
    onLeave(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get size() {
      return tokens.size;
    },
    close() {
      peerServer.off('connection', onConnection);
      peerServer.off('disconnect', onDisconnect);
      peerServer.off('message', onMessage);
      tokens.clear();
      listeners.clear();
    },
  };
}
