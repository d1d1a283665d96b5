import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createViteServer, preview, type ViteDevServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { peerstageServer } from './peerstagePlugin.ts';

const opened: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

function register(id: string, port: number, origin?: string): Promise<unknown> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/peerjs/peerjs?key=peerjs&id=${id}&token=t`, origin ? { origin } : {});
  opened.push({ close: () => socket.terminate() });
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.once('unexpected-response', (_request, response) => resolve({ refused: response.statusCode }));
    socket.once('error', reject);
  });
}

async function devServer(): Promise<{ vite: ViteDevServer; port: number }> {
  const vite = await createViteServer({
    configFile: false,
    logLevel: 'silent',
    plugins: [peerstageServer({ clientConfig: { iceServers: [] } })],
    server: { port: 0, host: '127.0.0.1' },
  });
  opened.push(vite);
  await vite.listen();
  return { vite, port: (vite.httpServer!.address() as AddressInfo).port };
}

async function listen(vite: ViteDevServer | undefined, httpServer: Server): Promise<number> {
  if (vite) httpServer.on('request', vite.middlewares);
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  return (httpServer.address() as AddressInfo).port;
}

describe('peerstageServer (Vite plugin)', () => {
  it('gives a Vite dev server /peerjs and the client config on its own port', async () => {
    const { port } = await devServer();
    expect(await (await fetch(`http://127.0.0.1:${port}/peerjs`)).json()).toMatchObject({ name: 'PeerJS Server' });
    expect(await (await fetch(`http://127.0.0.1:${port}/peerstage/config.json`)).json()).toEqual({ iceServers: [] });
    expect(await register('a', port)).toEqual({ type: 'OPEN' });
  });

  it('gives `vite preview` /peerjs too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'peerstage-preview-'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist/index.html'), '<html><body>built hub</body></html>');
    const server = await preview({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [peerstageServer({ clientConfig: { iceServers: [] } })],
      preview: { port: 0, host: '127.0.0.1' },
    });
    opened.push(server);
    const port = (server.httpServer.address() as AddressInfo).port;
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('built hub');
    expect(await register('p', port)).toEqual({ type: 'OPEN' });
  });

  it('mounts one PeerServer when applied twice to one server (Storybook merges configs)', async () => {
    // Storybook dev: Vite in middleware mode, the host's HTTP server handed to HMR.
    const httpServer = createServer();
    opened.push({ close: () => new Promise<void>((resolve) => httpServer.close(() => resolve())) });
    const vite = await createViteServer({
      configFile: false,
      logLevel: 'silent',
      plugins: [peerstageServer({ clientConfig: { iceServers: [] } }), peerstageServer({ clientConfig: { iceServers: [] } })],
      server: { middlewareMode: true, hmr: { server: httpServer } },
    });
    opened.push(vite);
    const port = await listen(vite, httpServer);
    expect(await register('first', port)).toEqual({ type: 'OPEN' });
    expect(await register('second', port)).toEqual({ type: 'OPEN' });
    expect(httpServer.listening).toBe(true);
  });

  it("keeps Vite's HMR socket working beside signaling", async () => {
    const { port } = await devServer();
    const hmr = new WebSocket(`ws://127.0.0.1:${port}/`, 'vite-hmr');
    opened.push({ close: () => hmr.terminate() });
    const [first] = await once(hmr, 'message');
    expect(JSON.parse(String(first))).toMatchObject({ type: 'connected' });
    // And it stays open: nothing else answers the same upgrade request behind Vite's back.
    const answered = new Promise<string>((resolve) => {
      hmr.once('pong', () => resolve('pong'));
      hmr.once('close', () => resolve('closed'));
    });
    hmr.ping();
    expect(await answered).toBe('pong');
  });

  it("takes signaling sockets from the dev server's own pages and refuses other sites'", async () => {
    const { port } = await devServer();
    expect(await register('own', port, `http://127.0.0.1:${port}`)).toEqual({ type: 'OPEN' });
    expect(await register('other', port, 'https://evil.example')).toEqual({ refused: 403 });
  });
});
