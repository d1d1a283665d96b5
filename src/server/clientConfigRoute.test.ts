import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ClientConfig } from '../rtc/clientConfig.ts';
import {
  clientConfigFromEnv,
  clientConfigRoute,
  clientConfigSourceFromEnv,
  type ClientConfigSource,
  withJanusServers,
} from './clientConfigRoute.ts';

describe('clientConfigFromEnv', () => {
  it('defaults to no ICE servers: nothing is contacted beyond the peers', () => {
    expect(clientConfigFromEnv({})).toEqual({ iceServers: [] });
  });

  it('reads a JSON list of RTCIceServer', () => {
    const env = { PEERSTAGE_ICE_SERVERS: '[{"urls":["turn:127.0.0.1:3478"],"username":"u","credential":"c"}]' };
    expect(clientConfigFromEnv(env)).toEqual({
      iceServers: [{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }],
    });
  });

  it('refuses what is not JSON, naming the variable', () => {
    expect(() => clientConfigFromEnv({ PEERSTAGE_ICE_SERVERS: 'stun:127.0.0.1' })).toThrow(/PEERSTAGE_ICE_SERVERS is not JSON/);
  });

  it('refuses a list of the wrong shape, naming the field', () => {
    expect(() => clientConfigFromEnv({ PEERSTAGE_ICE_SERVERS: '[{"url":"stun:127.0.0.1"}]' })).toThrow(/iceServers\.0\.urls/);
  });
});

describe('PEERSTAGE_ICE_TRANSPORT_POLICY', () => {
  it('publishes relay or all, and refuses anything else', () => {
    expect(clientConfigFromEnv({ PEERSTAGE_ICE_TRANSPORT_POLICY: 'relay' })).toEqual({ iceServers: [], iceTransportPolicy: 'relay' });
    expect(clientConfigFromEnv({ PEERSTAGE_ICE_TRANSPORT_POLICY: 'all' })).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
    expect(() => clientConfigFromEnv({ PEERSTAGE_ICE_TRANSPORT_POLICY: 'relay-only' })).toThrow(/must be 'all' or 'relay'/);
  });
});

describe('clientConfigSourceFromEnv and clientConfigRoute', () => {
  const SECRET = 'a-secret-of-32-characters-000000';
  const TURN = { PEERSTAGE_TURN_URLS: 'turn:10.201.0.1:3478', PEERSTAGE_TURN_SECRET: SECRET };

  async function serve(source: ClientConfigSource): Promise<{ url: string; close: () => Promise<void> }> {
    const route = clientConfigRoute(source);
    const server = createServer((request, response) => route(request, response, () => response.writeHead(404).end()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/peerstage/config.json`, close: () => new Promise((done) => server.close(() => done())) };
  }

  it('is the static configuration without TURN variables', () => {
    expect(clientConfigSourceFromEnv({})).toEqual({ iceServers: [] });
  });

  it('gives each request TURN credentials of its own, never the secret, never cached', async () => {
    const served = await serve(clientConfigSourceFromEnv({ ...TURN, PEERSTAGE_ICE_SERVERS: '[{"urls":"stun:10.201.0.1:3478"}]' }));
    try {
      const [first, second] = await Promise.all([fetch(served.url), fetch(served.url)]);
      expect(first!.headers.get('cache-control')).toBe('no-store');
      const [a, b] = [await first!.text(), await second!.text()];
      expect(a).not.toContain(SECRET);
      const configA = JSON.parse(a) as ClientConfig;
      const configB = JSON.parse(b) as ClientConfig;
      expect(configA.iceServers[0]).toEqual({ urls: 'stun:10.201.0.1:3478' });
      expect(configA.iceServers[1]).toMatchObject({ urls: ['turn:10.201.0.1:3478'], username: expect.stringMatching(/^\d+:/) });
      expect(configA.iceServers[1]!.username).not.toBe(configB.iceServers[1]!.username);
      const expiresAtS = Number(configA.iceServers[1]!.username!.split(':')[0]);
      expect(expiresAtS - Date.now() / 1000).toBeGreaterThan(3590);
      expect(expiresAtS - Date.now() / 1000).toBeLessThanOrEqual(3600);
    } finally {
      await served.close();
    }
  });

  it('refuses a relay-only policy with no TURN server to relay through', () => {
    expect(() => clientConfigSourceFromEnv({ PEERSTAGE_ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/relay needs a TURN server/);
    expect(clientConfigSourceFromEnv({ PEERSTAGE_ICE_TRANSPORT_POLICY: 'relay', ...TURN })).toBeTypeOf('function');
  });
});

describe('withJanusServers', () => {
  it('adds the proxied paths to a fixed or a per-request configuration, and nothing when there are none', () => {
    const fixed = { iceServers: [] };
    expect(withJanusServers(fixed, [])).toBe(fixed);
    expect(withJanusServers(fixed, ['/janus/0', '/janus/2'])).toEqual({ iceServers: [], janus: ['/janus/0', '/janus/2'] });
    const perRequest = withJanusServers(() => ({ iceServers: [{ urls: 'turn:10.201.0.1' }] }), ['/janus/0']);
    expect(typeof perRequest === 'function' && perRequest()).toEqual({ iceServers: [{ urls: 'turn:10.201.0.1' }], janus: ['/janus/0'] });
  });
});
