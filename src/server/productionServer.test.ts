import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

  it('reports a port already in use instead of hanging', async () => {
    running = await startProductionServer({ ...fakeBuilds(), port: 0, host: '127.0.0.1', clientConfig: { iceServers: [] } });
    await expect(
      startProductionServer({ ...fakeBuilds(), port: running.port, host: '127.0.0.1', clientConfig: { iceServers: [] } }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
