import { describe, expect, it } from 'vitest';
import { turnRestCredentials } from './turnRestCredentials.ts';

describe('turnRestCredentials', () => {
  it("matches coturn's use-auth-secret algorithm on a vector computed apart", () => {
    // printf '%s' '1700003600:peerstage-test' | openssl dgst -sha1 -hmac 'north-wind-secret-0123' -binary | base64
    const credentials = turnRestCredentials('north-wind-secret-0123', { ttlS: 3600, nowMs: 1_700_000_000_000, id: 'peerstage-test' });
    expect(credentials).toEqual({
      username: '1700003600:peerstage-test',
      credential: 'gQnJncZ3siuixP0Fb77IbZHbZXw=',
      expiresAtS: 1_700_003_600,
    });
  });

  it('expires the TTL after now, whole seconds', () => {
    const nowMs = 1_800_000_000_750;
    const { username, expiresAtS } = turnRestCredentials('secret', { ttlS: 600, nowMs });
    expect(expiresAtS).toBe(1_800_000_600);
    expect(username.split(':')[0]).toBe('1800000600');
  });

  it('gives every client a username of its own', () => {
    const a = turnRestCredentials('secret', { ttlS: 60, nowMs: 0 });
    const b = turnRestCredentials('secret', { ttlS: 60, nowMs: 0 });
    expect(a.username).not.toBe(b.username);
    expect(a.username).toMatch(/^60:[A-Za-z0-9_-]{12}$/);
    expect(a.credential).not.toBe(b.credential);
  });

  it("refuses a user id with ':' (coturn would read the expiry wrong)", () => {
    expect(() => turnRestCredentials('secret', { ttlS: 60, id: 'a:b' })).toThrow(RangeError);
  });
});
