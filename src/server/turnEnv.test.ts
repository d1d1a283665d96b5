import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { turnIceServer, turnServiceFromEnv } from './turnEnv.ts';

const SECRET = 'a-secret-of-32-characters-000000';
const URLS = 'turn:10.201.0.1:3478?transport=udp, turn:10.201.0.1:3478?transport=tcp';

describe('turnServiceFromEnv', () => {
  it('is off when neither variable is set', () => {
    expect(turnServiceFromEnv({})).toBeUndefined();
  });

  it('reads URLs (comma or space separated), the secret, and a TTL of an hour by default', () => {
    expect(turnServiceFromEnv({ PEERSTAGE_TURN_URLS: URLS, PEERSTAGE_TURN_SECRET: SECRET })).toEqual({
      urls: ['turn:10.201.0.1:3478?transport=udp', 'turn:10.201.0.1:3478?transport=tcp'],
      secret: SECRET,
      ttlS: 3600,
    });
    expect(
      turnServiceFromEnv({
        PEERSTAGE_TURN_URLS: 'turns:10.201.0.1:5349 turn:[::1]',
        PEERSTAGE_TURN_SECRET: SECRET,
        PEERSTAGE_TURN_TTL_S: '600',
      }),
    ).toEqual({ urls: ['turns:10.201.0.1:5349', 'turn:[::1]'], secret: SECRET, ttlS: 600 });
  });

  it.each([
    [{ PEERSTAGE_TURN_SECRET: SECRET }, /PEERSTAGE_TURN_URLS is not/],
    [{ PEERSTAGE_TURN_URLS: URLS }, /PEERSTAGE_TURN_SECRET is not/],
    [{ PEERSTAGE_TURN_URLS: URLS, PEERSTAGE_TURN_SECRET: 'short' }, /PEERSTAGE_TURN_SECRET is too short/],
    [{ PEERSTAGE_TURN_URLS: 'stun:10.201.0.1:3478', PEERSTAGE_TURN_SECRET: SECRET }, /not a turn: or turns: URL: "stun:10.201.0.1:3478"/],
    [{ PEERSTAGE_TURN_URLS: 'turn:10.201.0.1?transport=sctp', PEERSTAGE_TURN_SECRET: SECRET }, /not a turn: or turns: URL/],
    [{ PEERSTAGE_TURN_URLS: 'turn:10.201.0.1:3478/extra', PEERSTAGE_TURN_SECRET: SECRET }, /not a turn: or turns: URL/],
    [
      { PEERSTAGE_TURN_URLS: URLS, PEERSTAGE_TURN_SECRET: SECRET, PEERSTAGE_TURN_TTL_S: '120' },
      /PEERSTAGE_TURN_TTL_S must be whole seconds from 300 to 86400/,
    ],
    [{ PEERSTAGE_TURN_URLS: URLS, PEERSTAGE_TURN_SECRET: SECRET, PEERSTAGE_TURN_TTL_S: '1h' }, /PEERSTAGE_TURN_TTL_S/],
    [{ PEERSTAGE_TURN_TTL_S: '600' }, /PEERSTAGE_TURN_TTL_S is set but/],
  ])('refuses a bad set-up with words naming the variable: %j', (env, message) => {
    expect(() => turnServiceFromEnv(env)).toThrow(message);
  });

  it('never puts the secret in an error message', () => {
    const env = { PEERSTAGE_TURN_URLS: 'nope', PEERSTAGE_TURN_SECRET: SECRET };
    expect(() => turnServiceFromEnv(env)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(SECRET) }));
  });
});

describe('turnIceServer', () => {
  it('gives the URLs with credentials coturn accepts until the TTL has passed', () => {
    const service = turnServiceFromEnv({ PEERSTAGE_TURN_URLS: URLS, PEERSTAGE_TURN_SECRET: SECRET, PEERSTAGE_TURN_TTL_S: '600' })!;
    const nowMs = Date.UTC(2026, 11, 3, 8, 0, 0);
    const server = turnIceServer(service, nowMs);
    expect(server.urls).toEqual(service.urls);
    expect(Number(server.username.split(':')[0])).toBe(nowMs / 1000 + 600);
    expect(server.credential).toBe(createHmac('sha1', SECRET).update(server.username).digest('base64'));
    expect(JSON.stringify(server)).not.toContain(SECRET);
  });
});
