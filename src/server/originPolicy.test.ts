import { describe, expect, it } from 'vitest';
import { ANY_ORIGIN, normaliseOrigin, originPolicy } from './originPolicy.ts';

const handshake = (host: string | undefined, origin?: string) => ({ headers: { host, ...(origin === undefined ? {} : { origin }) } });

describe('originPolicy', () => {
  it("takes pages of the server's own origin, over http or https (a TLS proxy in front)", () => {
    const policy = originPolicy();
    expect(policy.allows(handshake('hub.example:8080', 'http://hub.example:8080'))).toBe(true);
    expect(policy.allows(handshake('Hub.Example:8080', 'http://hub.example:8080'))).toBe(true);
    expect(policy.allows(handshake('hub.example', 'https://hub.example'))).toBe(true);
    expect(policy.allows(handshake('hub.example:443', 'https://hub.example'))).toBe(true);
    expect(policy.allows(handshake('[::1]:8080', 'http://[::1]:8080'))).toBe(true);
  });

  it('refuses other sites, other ports, other schemes and opaque origins', () => {
    const policy = originPolicy();
    expect(policy.allows(handshake('hub.example', 'https://evil.example'))).toBe(false);
    expect(policy.allows(handshake('hub.example:8080', 'http://hub.example:8081'))).toBe(false);
    expect(policy.allows(handshake('hub.example', 'http://hub.example.evil.example'))).toBe(false);
    expect(policy.allows(handshake('hub.example', 'null'))).toBe(false);
    expect(policy.allows(handshake('hub.example', 'file://'))).toBe(false);
    expect(policy.allows(handshake('hub.example', 'chrome-extension://hub.example'))).toBe(false);
    expect(policy.allows(handshake(undefined, 'http://hub.example'))).toBe(false);
  });

  it('takes the origins it is given, and any with *', () => {
    const listed = originPolicy(['https://stories.example', 'HTTP://Local.Example:6006/']);
    expect(listed.allows(handshake('hub.example', 'https://stories.example'))).toBe(true);
    expect(listed.allows(handshake('hub.example', 'http://local.example:6006'))).toBe(true);
    expect(listed.allows(handshake('hub.example', 'https://local.example:6006'))).toBe(false);
    expect(originPolicy([ANY_ORIGIN]).allows(handshake('hub.example', 'https://evil.example'))).toBe(true);
  });

  it('lets a client through that sends no Origin: no browser does that, and any other client could send one', () => {
    expect(originPolicy().allows(handshake('hub.example'))).toBe(true);
  });
});

describe('normaliseOrigin', () => {
  it('writes an origin as browsers send it', () => {
    expect(normaliseOrigin('HTTPS://Hub.Example:443')).toBe('https://hub.example');
    expect(normaliseOrigin('http://hub.example:8080/')).toBe('http://hub.example:8080');
    expect(normaliseOrigin('*')).toBe('*');
  });

  it('refuses what is not an http(s) origin', () => {
    expect(() => normaliseOrigin('hub.example')).toThrow(/not an origin/);
    expect(() => normaliseOrigin('https://hub.example/path')).toThrow(/not an origin/);
    expect(() => normaliseOrigin('ftp://hub.example')).toThrow(/not an origin/);
    expect(() => normaliseOrigin('https://user@hub.example')).toThrow(/not an origin/);
  });
});
