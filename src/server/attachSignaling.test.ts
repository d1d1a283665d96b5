import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import {
  ALIVE_TIMEOUT_MS,
  attachSignaling,
  MAX_SIGNALING_MESSAGE_BYTES,
  type AttachedSignaling,
  type SignalingOptions,
} from './attachSignaling.ts';
import { SIGNALING_BUDGET } from './guardSignalingSocket.ts';

let server: Server;
let signaling: AttachedSignaling;

async function listen(options?: SignalingOptions): Promise<string> {
  server = createServer((request, response) =>
    signaling.middleware(request, response, () => {
      response.statusCode = 404;
      response.end('not signaling');
    }),
  );
  signaling = attachSignaling(server, options);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function openSocket(url: string, options?: ClientOptions): Promise<{ socket: WebSocket; first: unknown }> {
  const socket = new WebSocket(url, options);
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve({ socket, first: JSON.parse(String(data)) }));
    socket.once('error', reject);
  });
}

afterEach(async () => {
  vi.useRealTimers();
  signaling.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('attachSignaling', () => {
  it('answers as a PeerServer at /peerjs and hands out ids', async () => {
    const address = await listen();
    const info = await (await fetch(`http://${address}/peerjs`)).json();
    expect(info).toMatchObject({ name: 'PeerJS Server' });
    const id = await (await fetch(`http://${address}/peerjs/peerjs/id`)).text();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`http://${address}/elsewhere`)).status).toBe(404);
  });

  it('registers a client over its WebSocket and relays to another', async () => {
    const address = await listen();
    const url = (id: string) => `ws://${address}/peerjs/peerjs?key=peerjs&id=${id}&token=t-${id}`;
    const alice = await openSocket(url('alice'));
    const bob = await openSocket(url('bob'));
    expect(alice.first).toEqual({ type: 'OPEN' });
    expect(bob.first).toEqual({ type: 'OPEN' });

    const relayed = once(bob.socket, 'message');
    alice.socket.send(JSON.stringify({ type: 'OFFER', dst: 'bob', payload: { sdp: 'x' } }));
    expect(JSON.parse(String((await relayed)[0]))).toMatchObject({ type: 'OFFER', src: 'alice', payload: { sdp: 'x' } });
    alice.socket.close();
    bob.socket.close();
  });

  it('leaves other upgrade paths to their own listeners (Vite HMR keeps its socket)', async () => {
    const address = await listen();
    let claimedElsewhere = false;
    server.on('upgrade', (request, socket) => {
      if (request.url === '/hmr') {
        claimedElsewhere = true;
        socket.destroy();
      }
    });
    const socket = new WebSocket(`ws://${address}/hmr`);
    await once(socket, 'error').catch(() => undefined);
    expect(claimedElsewhere).toBe(true);
  });

  it('shares one PeerServer when attached twice to one server, closing it with its last user', async () => {
    const address = await listen();
    const second = attachSignaling(server);
    expect(second.path).toBe(signaling.path);
    const alice = await openSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=alice&token=t`);
    const bob = await openSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=bob&token=t`);
    expect([alice.first, bob.first]).toEqual([{ type: 'OPEN' }, { type: 'OPEN' }]);

    second.close();
    expect(alice.socket.readyState).toBe(WebSocket.OPEN);
    const closed = once(alice.socket, 'close');
    signaling.close();
    await closed;
  });

  it('close() drops every signaling socket and stops its timers', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timeouts();
    const address = await listen();
    expect(timeouts()).toBeGreaterThan(before); // the PeerServer's two housekeeping loops
    const { socket } = await openSocket(`ws://${address}/peerjs/peerjs?key=peerjs&id=a&token=t`);
    const closed = once(socket, 'close');
    signaling.close();
    await closed;
    // The ws sockets' own close timers go a moment after 'close': wait for them, not for the
    // PeerServer's loops, which would keep the count up for good.
    await expect.poll(timeouts).toBe(before);
    signaling.close(); // idempotent
  });
});

/** The HTTP status a refused handshake got. */
function refusal(url: string, options?: ClientOptions): Promise<number> {
  const socket = new WebSocket(url, options);
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the server took the socket')));
    socket.once('error', reject);
  });
}

/** What a raw upgrade request to `path` gets back, once the server has closed the socket. */
function strayUpgrade(address: string, path: string): Promise<string> {
  const [host, port] = address.split(':') as [string, string];
  const socket = connect(Number(port), host);
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  return new Promise((resolve) => socket.once('close', () => resolve(received)));
}

describe('attachSignaling: what strangers get', () => {
  const url = (address: string, id: string) => `ws://${address}/peerjs/peerjs?key=peerjs&id=${id}&token=t-${id}`;

  it('relays an SDP-sized message and closes a socket that sends a frame over MAX_SIGNALING_MESSAGE_BYTES (1009)', async () => {
    const address = await listen();
    const alice = await openSocket(url(address, 'alice'));
    const bob = await openSocket(url(address, 'bob'));
    const sdp = 'a'.repeat(MAX_SIGNALING_MESSAGE_BYTES - 1024);
    const relayed = once(bob.socket, 'message');
    alice.socket.send(JSON.stringify({ type: 'OFFER', dst: 'bob', payload: { sdp } }));
    expect(JSON.parse(String((await relayed)[0]))).toMatchObject({ type: 'OFFER', src: 'alice', payload: { sdp } });

    const closed = once(alice.socket, 'close');
    alice.socket.send(Buffer.alloc(MAX_SIGNALING_MESSAGE_BYTES + 1, 'a'));
    expect((await closed)[0]).toBe(1009);
    bob.socket.close();
  });

  it('closes a socket that sends more than SIGNALING_BUDGET allows in a burst (1008), before it is relayed or kept', async () => {
    const address = await listen();
    const flooder = await openSocket(url(address, 'flooder'));
    const closed = once(flooder.socket, 'close');
    const payload = 'a'.repeat(60 * 1024);
    const messages = Math.ceil(SIGNALING_BUDGET.burstBytes / payload.length) + 4;
    for (let index = 0; index < messages; index++) flooder.socket.send(JSON.stringify({ type: 'OFFER', dst: `nobody-${index}`, payload }));
    expect((await closed)[0]).toBe(1008);
  });

  it('caps the sockets one address holds (429), and counts a closed one out', async () => {
    const address = await listen({ maxSocketsPerAddress: 2 });
    const first = await openSocket(url(address, 'first'));
    await openSocket(url(address, 'second'));
    expect(await refusal(url(address, 'third'))).toBe(429);
    first.socket.close();
    // The server counts the socket out when its side closes, a moment after ours.
    await vi.waitFor(async () => expect((await openSocket(url(address, 'third'))).first).toEqual({ type: 'OPEN' }));
  });

  it('refuses pages of other origins (403), takes its own, those allowed, and clients that send no Origin', async () => {
    const address = await listen({ allowedOrigins: ['https://stories.example'] });
    expect(await refusal(url(address, 'evil'), { origin: 'https://evil.example' })).toBe(403);
    expect(await refusal(url(address, 'framed'), { origin: 'null' })).toBe(403);
    expect(await refusal(url(address, 'port'), { origin: `http://127.0.0.1:1` })).toBe(403);
    expect((await openSocket(url(address, 'own'), { origin: `http://${address}` })).first).toEqual({ type: 'OPEN' });
    expect((await openSocket(url(address, 'listed'), { origin: 'https://stories.example' })).first).toEqual({ type: 'OPEN' });
    expect((await openSocket(url(address, 'tool'))).first).toEqual({ type: 'OPEN' });
  });

  it('answers an upgrade request for any other path 404 and closes it, where nothing else listens for upgrades', async () => {
    const address = await listen();
    expect(await strayUpgrade(address, '/elsewhere')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(await strayUpgrade(address, '/peerjs')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  });

  it('lets go of an ID whose client sends no heartbeat for ALIVE_TIMEOUT_MS, and not sooner', async () => {
    // Only the clock is fake: the PeerServer's check loop runs on real timers and reads Date.
    vi.useFakeTimers({ toFake: ['Date'] });
    const startedAt = Date.now();
    const address = await listen();
    const silent = await openSocket(url(address, 'silent'));
    vi.setSystemTime(startedAt + 2_000);
    const later = await openSocket(url(address, 'later'));
    const left = vi.fn();
    signaling.clients.onLeave(left);

    // One check sees both: `silent` a second past the timeout, `later` a second short of it.
    vi.setSystemTime(startedAt + ALIVE_TIMEOUT_MS + 1_000);
    await once(silent.socket, 'close');
    expect(left.mock.calls).toEqual([['silent']]);
    expect(later.socket.readyState).toBe(WebSocket.OPEN);
    expect(signaling.clients.holds('later', 't-later')).toBe(true);
    expect(ALIVE_TIMEOUT_MS).toBeLessThanOrEqual(20_000);
    later.socket.close();
  });
});
