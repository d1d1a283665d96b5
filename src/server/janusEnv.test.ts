import { describe, expect, it } from 'vitest';
import { JanusEnvError, type JanusEnvErrorReason, janusFromEnv } from './janusEnv.ts';

describe('janusFromEnv', () => {
  it('is unset when the variable is absent or blank, off when it says so', () => {
    expect(janusFromEnv({})).toEqual({ kind: 'unset' });
    expect(janusFromEnv({ PEERSTAGE_JANUS: '  ' })).toEqual({ kind: 'unset' });
    expect(janusFromEnv({ PEERSTAGE_JANUS: 'off' })).toEqual({ kind: 'off' });
    expect(janusFromEnv({ PEERSTAGE_JANUS: ' OFF ' })).toEqual({ kind: 'off' });
  });

  it('reads ws:// and wss:// URLs in order, keeping the place of a retired one', () => {
    expect(janusFromEnv({ PEERSTAGE_JANUS: 'ws://10.0.0.5:8188, -, wss://janus.example/ws?x=1,' })).toEqual({
      kind: 'servers',
      upstreams: ['ws://10.0.0.5:8188/', undefined, 'wss://janus.example/ws?x=1'],
    });
    expect(janusFromEnv({ PEERSTAGE_JANUS: 'ws://[::1]:8188' })).toEqual({ kind: 'servers', upstreams: ['ws://[::1]:8188/'] });
  });

  it('takes at most 16 servers, counting retired places', () => {
    const list = (count: number) => Array.from({ length: count }, (_, index) => (index % 2 ? '-' : `ws://10.0.0.${index}:8188`));
    expect(janusFromEnv({ PEERSTAGE_JANUS: list(16).join(',') })).toMatchObject({ kind: 'servers' });
    expectRefusal(list(17).join(','), 'too-many', /at most 16 servers, not 17/);
  });

  it.each<[JanusEnvErrorReason, string, RegExp]>([
    ['empty-entry', 'ws://a:8188,,ws://b:8188', /entry 1 is empty \(write - to keep/],
    ['not-a-url', 'janus at 10.0.0.5', /entry 0 is not a URL/],
    ['not-a-url', 'ws://', /entry 0 is not a URL/],
    ['not-a-url', `ws://${'a'.repeat(2048)}`, /entry 0 is 2053 characters long/],
    ['not-websocket', 'janus.example:8188', /entry 0 is not a ws:\/\/ or wss:\/\/ URL/],
    ['not-websocket', 'http://janus.example:8088/janus', /entry 0 is not a ws:\/\/ or wss:\/\/ URL/],
    ['not-websocket', 'ws://a:8188,wss://b/#frag', /entry 1 is not a ws/],
    ['no-server', '-,-', /every server is retired/],
  ])('refuses with %s', (reason, value, message) => expectRefusal(value, reason, message));
});

function expectRefusal(value: string, reason: JanusEnvErrorReason, message: RegExp): void {
  let thrown: unknown;
  try {
    janusFromEnv({ PEERSTAGE_JANUS: value });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(JanusEnvError);
  expect((thrown as JanusEnvError).reason).toBe(reason);
  expect((thrown as JanusEnvError).message).toMatch(/^PEERSTAGE_JANUS: /);
  expect((thrown as JanusEnvError).message).toMatch(message);
}
