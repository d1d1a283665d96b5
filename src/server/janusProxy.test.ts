import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { JanusUpstreams } from './janusEnv.ts';
import {
  attachJanusProxy,
  JANUS_SUBPROTOCOL,
  type JanusProxy,
  type JanusProxyOptions,
  janusPaths,
  MAX_JANUS_FRAME_BYTES,
} from './janusProxy.ts';

/** A stand-in Janus on 127.0.0.1: echoes text, and obeys a few commands to test the far side's behaviour. */
async function fakeJanus() {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has(JANUS_SUBPROTOCOL) ? JANUS_SUBPROTOCOL : false),
  });
  await once(server, 'listening');
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data, isBinary) => {
      const text = String(data);
      if (text === 'oversized') socket.send('x'.repeat(MAX_JANUS_FRAME_BYTES + 1));
      else if (text === 'close 4000') socket.close(4000, 'bye');
      else if (text === 'vanish') socket.terminate();
      else socket.send(data, { binary: isBinary });
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}`, server, sockets };
}

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function hub(upstreams: JanusUpstreams, options: Partial<JanusProxyOptions> = {}): Promise<{ base: string; proxy: JanusProxy }> {
  const server: Server = createServer();
  const proxy = attachJanusProxy(server, { upstreams, log: () => undefined, ...options });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(
    () => proxy.close(),
    () => new Promise((resolve) => server.close(resolve)),
  );
  return { base: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, proxy };
}

async function openPage(url: string): Promise<WebSocket> {
  const page = new WebSocket(url, JANUS_SUBPROTOCOL);
  cleanups.push(() => page.terminate());
  await once(page, 'open');
  return page;
}

/** The HTTP status an upgrade request is refused with. */
async function refusal(url: string, protocols: string[] = [JANUS_SUBPROTOCOL], headers: Record<string, string> = {}): Promise<number> {
  const page = new WebSocket(url, protocols, { headers });
  page.on('error', () => undefined); // terminating a refused socket reports that it never opened
  const [, response] = (await once(page, 'unexpected-response')) as [unknown, { statusCode: number }];
  page.terminate();
  return response.statusCode;
}

const nextMessage = async (socket: WebSocket) => String(((await once(socket, 'message')) as [Buffer])[0]);
const closeCode = async (socket: WebSocket) => ((await once(socket, 'close')) as [number])[0];

describe('attachJanusProxy', () => {
  it('passes frames both ways, with the janus-protocol subprotocol', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base, proxy } = await hub([janus.url]);
    expect(proxy.paths).toEqual(['/janus/0']);
    const page = await openPage(`${base}/janus/0`);
    expect(page.protocol).toBe(JANUS_SUBPROTOCOL);
    expect(janus.sockets[0]?.protocol).toBe(JANUS_SUBPROTOCOL);

    const request = JSON.stringify({ janus: 'info', transaction: 'é' });
    page.send(request);
    expect(await nextMessage(page)).toBe(request);
    janus.sockets[0]?.send('{"janus":"timeout"}');
    expect(await nextMessage(page)).toBe('{"janus":"timeout"}');
  });

  it('closes the page with 1009 when it sends an oversized frame, and Janus with it', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url]);
    const page = await openPage(`${base}/janus/0`);
    const janusClosed = once(janus.sockets[0] as WebSocket, 'close');
    const pageClosed = closeCode(page);
    page.send('x'.repeat(MAX_JANUS_FRAME_BYTES + 1));
    expect(await pageClosed).toBe(1009);
    await janusClosed;
  });

  it('closes the page with 1009 when Janus sends an oversized frame', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url]);
    const page = await openPage(`${base}/janus/0`);
    const pageClosed = closeCode(page);
    page.send('oversized');
    expect(await pageClosed).toBe(1009);
  });

  it('closes both with 1003 on a binary frame: Janus speaks JSON text', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url]);
    const page = await openPage(`${base}/janus/0`);
    const pageClosed = closeCode(page);
    page.send(Buffer.from('{}'));
    expect(await pageClosed).toBe(1003);
  });

  it('closes both with 1008 when the page goes over its byte budget', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url], { limits: { budget: { burstBytes: 16, bytesPerSecond: 0 } } });
    const page = await openPage(`${base}/janus/0`);
    page.send('{"janus":"x"}');
    expect(await nextMessage(page)).toBe('{"janus":"x"}');
    const pageClosed = closeCode(page);
    page.send('{"janus":"x"}');
    expect(await pageClosed).toBe(1008);
  });

  it('closes the page as Janus closed: with its code, or cut when Janus vanished', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url]);
    const first = await openPage(`${base}/janus/0`);
    const firstClosed = closeCode(first);
    first.send('close 4000');
    expect(await firstClosed).toBe(4000);
    const second = await openPage(`${base}/janus/0`);
    const secondClosed = closeCode(second);
    second.send('vanish');
    expect(await secondClosed).toBe(1006);
  });

  it('closes Janus when the page closes', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url]);
    const page = await openPage(`${base}/janus/0`);
    const janusClosed = closeCode(janus.sockets[0] as WebSocket);
    page.close(1000);
    expect(await janusClosed).toBe(1000);
  });

  it('refuses an unknown, retired or malformed index with 404, and every index when no Janus is configured', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url, undefined]);
    for (const path of ['/janus/1', '/janus/2', '/janus/01', '/janus/x', '/janus', '/janus/0/more']) {
      expect(await refusal(`${base}${path}`), path).toBe(404);
    }
    const none = await hub([]);
    expect(none.proxy.paths).toEqual([]);
    expect(await refusal(`${none.base}/janus/0`)).toBe(404);
  });

  it('refuses a page without the subprotocol (400), of another origin (403), or over its address cap (429)', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base } = await hub([janus.url], { maxSocketsPerAddress: 1 });
    expect(await refusal(`${base}/janus/0`, ['janus-admin-protocol'])).toBe(400);
    expect(await refusal(`${base}/janus/0`, [JANUS_SUBPROTOCOL], { Origin: 'https://elsewhere.example' })).toBe(403);
    await openPage(`${base}/janus/0`);
    expect(await refusal(`${base}/janus/0`)).toBe(429);
  });

  it('answers 502 when Janus is not there', async () => {
    const janus = await fakeJanus();
    const { url } = janus;
    await new Promise((resolve) => janus.server.close(resolve));
    const { base } = await hub([url]);
    expect(await refusal(`${base}/janus/0`)).toBe(502);
  });

  it('cuts every pair when it closes', async () => {
    const janus = await fakeJanus();
    cleanups.push(() => janus.server.close());
    const { base, proxy } = await hub([janus.url]);
    const page = await openPage(`${base}/janus/0`);
    const pageClosed = closeCode(page);
    proxy.close();
    expect(await pageClosed).toBe(1006);
  });
});

describe('janusPaths', () => {
  it('lists the paths of the servers in place, keeping indices', () => {
    expect(janusPaths(['ws://a:8188/', undefined, 'ws://c:8188/'])).toEqual(['/janus/0', '/janus/2']);
  });
});
