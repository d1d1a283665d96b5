import { describe, expect, it } from 'vitest';
import { janusUrlFor } from './janusUrlFor.ts';

describe('janusUrlFor', () => {
  it('puts a path on the page origin, with the WebSocket scheme of its scheme', () => {
    expect(janusUrlFor('/janus/0', { protocol: 'https:', host: 'hub.example' })).toBe('wss://hub.example/janus/0');
    expect(janusUrlFor('/janus/1', { protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/janus/1');
    expect(janusUrlFor('/janus/2', { protocol: 'https:', host: '[::1]:8443' })).toBe('wss://[::1]:8443/janus/2');
  });

  it('takes a full URL as it is', () => {
    const page = { protocol: 'https:', host: 'hub.example' };
    expect(janusUrlFor('wss://janus.example/ws', page)).toBe('wss://janus.example/ws');
    expect(janusUrlFor('ws://10.0.0.5:8188', page)).toBe('ws://10.0.0.5:8188/');
    expect(janusUrlFor('https://janus.example/ws', page)).toBe('wss://janus.example/ws');
  });

  it('refuses what makes no WebSocket URL', () => {
    expect(() => janusUrlFor('/janus/0', { protocol: 'file:', host: '' })).toThrow(TypeError);
    expect(() => janusUrlFor('ftp://janus.example/', { protocol: 'https:', host: 'hub.example' })).toThrow(/no WebSocket URL/);
    expect(() => janusUrlFor('/janus/0', { protocol: 'https:', host: 'not a host' })).toThrow(/janusUrlFor: no URL/);
  });
});
