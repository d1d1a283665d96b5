import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { clientConfigSchema, MAX_JANUS_SERVERS } from './clientConfig.ts';

const parse = (document: unknown) => v.parse(clientConfigSchema, document);

describe('clientConfigSchema: janus', () => {
  it('reads the Janus servers a hub offers, or none', () => {
    expect(parse({ iceServers: [], janus: ['/janus/0', '/janus/2'] })).toEqual({ iceServers: [], janus: ['/janus/0', '/janus/2'] });
    expect(parse({ iceServers: [] })).toEqual({ iceServers: [] });
  });

  it.each([
    ['too long a list', Array.from({ length: MAX_JANUS_SERVERS + 1 }, (_, index) => `/janus/${index}`)],
    ['an empty entry', ['']],
    ['an endless entry', [`/${'a'.repeat(2048)}`]],
    ['a list of the wrong kind', [0]],
    ['no list', '/janus/0'],
  ])('reads %s as no Janus, keeping the ICE servers', (_, janus) => {
    const iceServers = [{ urls: 'turn:10.201.0.2:3478' }];
    expect(parse({ iceServers, janus })).toEqual({ iceServers, janus: undefined });
  });
});
