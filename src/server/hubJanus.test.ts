import { describe, expect, it, vi } from 'vitest';
import { freePort, type HubJanusMachine, hubJanus } from './hubJanus.ts';

const info = { version: 1102, version_string: '1.1.2', plugins: {}, transports: {} };

function machine(
  installed: boolean,
  start: HubJanusMachine['start'] = async () => ({ url: 'ws://127.0.0.1:40123', info, stop: async () => undefined }),
) {
  return { installed: () => installed, start: vi.fn(start) };
}

describe('hubJanus', () => {
  it('starts nothing and says nothing when Janus is off', async () => {
    const installed = machine(true);
    const janus = await hubJanus({ kind: 'off' }, installed);
    expect(janus.upstreams).toEqual([]);
    expect(janus.report).toBeUndefined();
    expect(installed.start).not.toHaveBeenCalled();
  });

  it('proxies the configured servers and starts none', async () => {
    const installed = machine(true);
    const janus = await hubJanus({ kind: 'servers', upstreams: ['ws://10.0.0.5:8188/', undefined, 'ws://10.0.0.7:8188/'] }, installed);
    expect(janus.upstreams).toEqual(['ws://10.0.0.5:8188/', undefined, 'ws://10.0.0.7:8188/']);
    expect(janus.report?.text).toMatch(/2 Janus servers \(PEERSTAGE_JANUS\), proxied at \/janus\/0, \/janus\/2$/);
    expect(installed.start).not.toHaveBeenCalled();
  });

  it('says how to install Janus when it is not installed', async () => {
    const janus = await hubJanus({ kind: 'unset' }, machine(false));
    expect(janus.upstreams).toEqual([]);
    expect(janus.report).toEqual({
      text: 'peerstage: large rooms need Janus — `sudo apt-get install janus` — and mesh rooms work without it.',
      failed: false,
    });
  });

  it('starts one when installed and none is configured, and stops it', async () => {
    const stop = vi.fn(async () => undefined);
    const janus = await hubJanus(
      { kind: 'unset' },
      machine(true, async () => ({ url: 'ws://127.0.0.1:40123', info, stop })),
    );
    expect(janus.upstreams).toEqual(['ws://127.0.0.1:40123']);
    expect(janus.report?.text).toMatch(
      /^peerstage: Janus 1\.1\.2 is running for large rooms \(ws:\/\/127\.0\.0\.1:40123, proxied at \/janus\/0;/,
    );
    await janus.stop();
    expect(stop).toHaveBeenCalledOnce();
  });

  it('reports a Janus that does not start, in one line, and goes on without it', async () => {
    const failing = machine(true, async () => {
      throw new Error('janus did not start on ws://127.0.0.1:40123: janus exited\n[FATAL] a long log');
    });
    const janus = await hubJanus({ kind: 'unset' }, failing);
    expect(janus.upstreams).toEqual([]);
    expect(janus.report).toEqual({
      text: 'peerstage: Janus did not start, so rooms stay mesh rooms: janus did not start on ws://127.0.0.1:40123: janus exited',
      failed: true,
    });
    await expect(janus.stop()).resolves.toBeUndefined();
  });
});

describe('freePort', () => {
  it('finds a port to listen on', async () => {
    const port = await freePort('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});
