/**
 * A coturn (`turnserver`, Debian's `coturn`) of a test's own: its configuration in a temporary
 * folder, TURN REST authentication (`use-auth-secret`, the scheme `PEERSTAGE_TURN_SECRET`
 * mints credentials for), listening and relaying on one address inside the test's network
 * namespace, UDP only — no TLS, DTLS, CLI, web admin or database anyone else shares.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readyOrStop, serverFolder, spawnServer } from '../tools/spawnedServer.ts';

export { hasAddress } from '../tools/spawnedServer.ts';

export interface TurnServerOptions {
  /** The address it listens and relays on: one of this namespace's 10.201.x.y. */
  readonly address: string;
  /** Default 3478. Inside a namespace of the test's own, nothing else holds it. */
  readonly port?: number;
  /** The `static-auth-secret`; default 32 random bytes in hex. */
  readonly secret?: string;
  /** Relay ports: a few, so that a leak of allocations shows. Default 49152–49251. */
  readonly relayPorts?: readonly [min: number, max: number];
}

export interface TurnServer {
  /** `turn:<address>:<port>?transport=udp`, for `PEERSTAGE_TURN_URLS`. */
  readonly url: string;
  readonly secret: string;
  /** What coturn has logged so far (for failure reports). */
  log(): string;
  /** Stops coturn (SIGTERM, then SIGKILL after 2 s) and removes its folder. Idempotent. */
  stop(): Promise<void>;
}

/** A STUN Binding request (RFC 8489): the cheapest question a TURN server answers without credentials. */
function bindingRequest(): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(0x0001, 0);
  header.writeUInt16BE(0, 2);
  header.writeUInt32BE(0x2112a442, 4);
  randomBytes(12).copy(header, 8);
  return header;
}

/** Resolves once `address:port` answers a Binding request over UDP; rejects after `timeoutMs`. */
async function waitForStun(address: string, port: number, timeoutMs: number, exited: () => boolean): Promise<void> {
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const request = bindingRequest();
      const ask = setInterval(() => {
        if (exited()) return fail('coturn exited');
        if (Date.now() > deadline) return fail(`no STUN answer from ${address}:${port} within ${timeoutMs} ms`);
        socket.send(request, port, address);
      }, 100);
      const fail = (why: string) => {
        clearInterval(ask);
        reject(new Error(why));
      };
      socket.on('message', (message) => {
        // A Binding success response (0x0101) to our transaction.
        if (message.length >= 20 && message.readUInt16BE(0) === 0x0101 && message.subarray(8, 20).equals(request.subarray(8, 20))) {
          clearInterval(ask);
          resolve();
        }
      });
      socket.on('error', (error) => fail(String(error)));
    });
  } finally {
    socket.close();
  }
}

/**
 * Starts coturn on `options.address` and resolves once it answers STUN there.
 *
 * @example
 * ```ts
 * const turn = await startTurnServer({ address: '10.201.0.1' });
 * const hub = await startServerProcess({ PEERSTAGE_TURN_URLS: turn.url, PEERSTAGE_TURN_SECRET: turn.secret });
 * // … a relay-only room …
 * await turn.stop();
 * ```
 */
export async function startTurnServer(options: TurnServerOptions): Promise<TurnServer> {
  const { address, port = 3478, secret = randomBytes(32).toString('hex'), relayPorts = [49152, 49251] } = options;
  const dir = serverFolder('peerstage-turn-');
  const config = [
    `listening-ip=${address}`,
    `relay-ip=${address}`,
    `listening-port=${port}`,
    `min-port=${relayPorts[0]}`,
    `max-port=${relayPorts[1]}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=peerstage.test',
    'fingerprint',
    // UDP TURN only: what the test needs, and nothing that reads certificates or opens more ports.
    'no-tls',
    'no-dtls',
    'no-tcp-relay',
    'no-cli',
    'no-multicast-peers',
    // (coturn 4.6 relays to loopback only with allow-loopback-peers, which this never sets.)
    `userdb=${join(dir, 'turndb')}`,
    `pidfile=${join(dir, 'turnserver.pid')}`,
    'log-file=stdout',
    'simple-log',
    'verbose',
  ].join('\n');
  writeFileSync(join(dir, 'turnserver.conf'), `${config}\n`, { mode: 0o600 });
  // Under `timeout`: if the test process dies without stop(), coturn still ends (spawnedServer.ts).
  const server = spawnServer({ dir, command: ['turnserver', '-c', join(dir, 'turnserver.conf')], killAfterMs: 2_000 });
  await readyOrStop(server, (exited) => waitForStun(address, port, 10_000, exited), `coturn did not start on ${address}:${port}`);
  return { url: `turn:${address}:${port}?transport=udp`, secret, log: server.log, stop: server.stop };
}
