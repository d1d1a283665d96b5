import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { anotherListenerMayTake, claimingPaths, type UpgradeListener, upgradePathname } from './upgradeClaims.ts';

describe('upgradeClaims', () => {
  const self: UpgradeListener = () => undefined;

  it('reads the path of a request, without its query, or nothing for a target that does not parse', () => {
    expect(upgradePathname({ url: '/janus/0?x=1' })).toBe('/janus/0');
    expect(upgradePathname({ url: 'http://[' })).toBe('');
  });

  it('knows that nobody else takes a path when no other listener claims it', () => {
    const server = new EventEmitter();
    server.on('upgrade', self);
    expect(anotherListenerMayTake(server, '/elsewhere', self)).toBe(false);
    server.on(
      'upgrade',
      claimingPaths(
        (path) => path.startsWith('/janus/'),
        () => undefined,
      ),
    );
    expect(anotherListenerMayTake(server, '/elsewhere', self)).toBe(false);
    expect(anotherListenerMayTake(server, '/janus/0', self)).toBe(true);
  });

  it('leaves every path to a listener that does not say what it claims (Vite’s)', () => {
    const server = new EventEmitter();
    server.on('upgrade', self);
    server.on('upgrade', () => undefined);
    expect(anotherListenerMayTake(server, '/elsewhere', self)).toBe(true);
  });
});
