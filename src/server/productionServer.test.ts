import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startProductionServer, type RunningServer } from './productionServer.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function fakeBuilds(): { appDir: string; storybookDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'peerstage-dist-'));
  const appDir = join(dir, 'app');
  const storybookDir = join(dir, 'storybook');
  mkdirSync(appDir);
  mkdirSync(storybookDir);
  writeFileSync(join(appDir, 'index.html'), '<html><body>hub</body></html>');
  mkdirSync(join(appDir, 'assets'));
  writeFileSync(join(appDir, 'assets/index.js'), 'export {};');
  writeFileSync(join(storybookDir, 'index.html'), '<html><body>stories</body></html>');
  return { appDir, storybookDir };
}

describe('startProductionServer', () => {
  it('serves the hub, its Storybook, signaling and client config on one port', async () => {
    running = await startProductionServer({
      ...fakeBuilds(),
      port: 0,
      host: '127.0.0.1',
      clientConfig: { iceServers: [{ urls: 'turn:127.0.0.1:3478' }] },
    });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/`);
    expect(await (await fetch(running.url)).text()).toContain('hub');
    expect(await (await fetch(new URL('storybook/', running.url))).text()).toContain('stories');
    expect(await (await fetch(new URL('peerjs', running.url))).json()).toMatchObject({ name: 'PeerJS Server' });
    expect(await (await fetch(new URL('peerstage/config.json', running.url))).json()).toEqual({
      iceServers: [{ urls: 'turn:127.0.0.1:3478' }],
    });
  });

  it('proxies its Janus servers at /janus/<i> and lists them in the client config', async () => {
    const janus = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'janus-protocol' });
    await once(janus, 'listening');
    janus.on('connection', (socket) => socket.on('message', (data) => socket.send(data, { binary: false })));
    try {
      const upstream = `ws://127.0.0.1:${(janus.address() as AddressInfo).port}`;
      running = await startProductionServer({
        ...fakeBuilds(),
        port: 0,
        host: '127.0.0.1',
        clientConfig: { iceServers: [] },
        janus: [upstream],
      });
      expect(await (await fetch(new URL('peerstage/config.json', running.url))).json()).toEqual({ iceServers: [], janus: ['/janus/0'] });
      const page = new WebSocket(`ws://127.0.0.1:${running.port}/janus/0`, 'janus-protocol');
      await once(page, 'open');
      page.send('{"janus":"info"}');
      expect(String((await once(page, 'message'))[0])).toBe('{"janus":"info"}');
      page.close();
    } finally {
      janus.close();
    }
  });

  it('reports a port already in use instead of hanging', async () => {
    running = await startProductionServer({ ...fakeBuilds(), port: 0, host: '127.0.0.1', clientConfig: { iceServers: [] } });
    await expect(
      startProductionServer({ ...fakeBuilds(), port: running.port, host: '127.0.0.1', clientConfig: { iceServers: [] } }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it('sends the security headers with every page, asset, route and 404; the Storybook with its own policy', async () => {
    running = await startProductionServer({ ...fakeBuilds(), port: 0, host: '127.0.0.1', clientConfig: { iceServers: [] } });
    const headersOf = async (path: string) => (await fetch(new URL(path, running!.url))).headers;
    for (const path of ['/', '/?room=jam', '/assets/index.js', '/peerstage/config.json', '/peerjs']) {
      const headers = await headersOf(path);
      expect(headers.get('content-security-policy'), path).toMatch(/^default-src 'self'; script-src 'self' blob:;.*frame-ancestors 'self'/);
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('permissions-policy'), path).toBe('camera=(self), microphone=(self), display-capture=(self)');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    // Express's own 404 page comes with a stricter policy still.
    const missing = await headersOf('/missing');
    expect(missing.get('content-security-policy')).toBe("default-src 'none'");
    expect(missing.get('x-content-type-options')).toBe('nosniff');
    expect(missing.get('permissions-policy')).toBe('camera=(self), microphone=(self), display-capture=(self)');
    const storybook = await headersOf('/storybook/');
    expect(storybook.get('content-security-policy')).toMatch(/script-src 'self' 'unsafe-inline' blob:;.*frame-ancestors 'self'/);
    expect(storybook.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers upgrade requests for other paths 404 and closes them', async () => {
    running = await startProductionServer({ ...fakeBuilds(), port: 0, host: '127.0.0.1', clientConfig: { iceServers: [] } });
    const socket = connect(running.port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk));
    socket.write('GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  });

  it('closes without waiting on the sockets strangers keep open', async () => {
    running = await startProductionServer({ ...fakeBuilds(), port: 0, host: '127.0.0.1', clientConfig: { iceServers: [] } });
    const signaling = new WebSocket(`ws://127.0.0.1:${running.port}/peerjs/peerjs?key=peerjs&id=a&token=t`);
    await once(signaling, 'open');
    const halfSent = connect(running.port, '127.0.0.1');
    halfSent.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const idle = connect(running.port, '127.0.0.1');
    await Promise.all([once(halfSent, 'connect'), once(idle, 'connect')]);
    // The server resets them: what matters is that they close, not how.
    const closedAnyway = (emitter: WebSocket | ReturnType<typeof connect>) =>
      new Promise<void>((resolve) => {
        emitter.on('error', () => undefined);
        emitter.once('close', () => resolve());
      });
    const closed = [closedAnyway(signaling), closedAnyway(halfSent), closedAnyway(idle)];
    await running.close();
    running = undefined;
    await Promise.all(closed);
  });
});
