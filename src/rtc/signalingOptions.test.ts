import { describe, expect, it } from 'vitest';
import { signalingAtPageOrigin } from './signalingOptions.ts';

describe('signalingAtPageOrigin', () => {
  it('uses the page host, port and /peerjs', () => {
    expect(signalingAtPageOrigin(new URL('http://127.0.0.1:5173/?room=a'))).toEqual({
      host: '127.0.0.1',
      port: 5173,
      path: '/peerjs',
      secure: false,
    });
  });

  it('fills in the default port of the scheme', () => {
    expect(signalingAtPageOrigin(new URL('https://hub.example/'))).toMatchObject({ port: 443, secure: true });
    expect(signalingAtPageOrigin(new URL('http://hub.example/'))).toMatchObject({ port: 80, secure: false });
  });
});
