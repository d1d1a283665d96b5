import { describe, expect, it } from 'vitest';
import { turnHint } from './turnHint.ts';

describe('turnHint', () => {
  it('says how to run coturn with TURN REST credentials when it is installed and nothing is configured', () => {
    const hint = turnHint({}, true);
    expect(hint).toMatch(/use-auth-secret "static-auth-secret=\$PEERSTAGE_TURN_SECRET"/);
    expect(hint).toMatch(/turnserver -c turnserver\.conf/);
    expect(hint).toMatch(/realm=\$TURN_HOST/);
    expect(hint).toMatch(/PEERSTAGE_TURN_URLS="turn:\$TURN_HOST:3478" npm start/);
    expect(hint).toMatch(/denied-peer-ip=192\.168\.0\.0-192\.168\.255\.255/);
  });

  it('says nothing without coturn, or with a TURN server configured either way', () => {
    expect(turnHint({}, false)).toBeUndefined();
    expect(turnHint({ PEERSTAGE_TURN_SECRET: 'x'.repeat(32), PEERSTAGE_TURN_URLS: 'turn:10.201.0.1' }, true)).toBeUndefined();
    expect(turnHint({ PEERSTAGE_ICE_SERVERS: '[{"urls":"turn:10.201.0.1","username":"u","credential":"c"}]' }, true)).toBeUndefined();
  });
});
