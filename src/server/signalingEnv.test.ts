import { describe, expect, it } from 'vitest';
import { signalingOptionsFromEnv } from './signalingEnv.ts';

describe('signalingOptionsFromEnv', () => {
  it('sets nothing when the environment sets nothing', () => {
    expect(signalingOptionsFromEnv({})).toEqual({});
    expect(signalingOptionsFromEnv({ PEERSTAGE_ALLOWED_ORIGINS: ' ', PEERSTAGE_MAX_SOCKETS_PER_ADDRESS: '' })).toEqual({});
  });

  it('reads the allowed origins (comma-separated) and the cap per address', () => {
    expect(
      signalingOptionsFromEnv({
        PEERSTAGE_ALLOWED_ORIGINS: 'https://a.example, HTTPS://B.example:8443/,',
        PEERSTAGE_MAX_SOCKETS_PER_ADDRESS: '200',
      }),
    ).toEqual({ allowedOrigins: ['https://a.example', 'https://b.example:8443'], maxSocketsPerAddress: 200 });
    expect(signalingOptionsFromEnv({ PEERSTAGE_ALLOWED_ORIGINS: '*', PEERSTAGE_MAX_SOCKETS_PER_ADDRESS: '0' })).toEqual({
      allowedOrigins: ['*'],
      maxSocketsPerAddress: 0,
    });
  });

  it('says which variable is wrong', () => {
    expect(() => signalingOptionsFromEnv({ PEERSTAGE_ALLOWED_ORIGINS: 'a.example' })).toThrow(/PEERSTAGE_ALLOWED_ORIGINS: not an origin/);
    expect(() => signalingOptionsFromEnv({ PEERSTAGE_MAX_SOCKETS_PER_ADDRESS: '-1' })).toThrow(/PEERSTAGE_MAX_SOCKETS_PER_ADDRESS/);
    expect(() => signalingOptionsFromEnv({ PEERSTAGE_MAX_SOCKETS_PER_ADDRESS: 'lots' })).toThrow(/whole number/);
  });
});
