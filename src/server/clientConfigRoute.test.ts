import { describe, expect, it } from 'vitest';
import { clientConfigFromEnv } from './clientConfigRoute.ts';

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
