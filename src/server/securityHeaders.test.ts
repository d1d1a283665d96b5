import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hubContentSecurityPolicy, securityHeaders, storybookContentSecurityPolicy } from './securityHeaders.ts';

function headersFor(url: string, host = 'hub.example:8080'): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  let nexted = false;
  securityHeaders({ storybookPaths: ['/storybook'] })({ url, headers: { host } } as IncomingMessage, response, () => (nexted = true));
  expect(nexted).toBe(true);
  return headers;
}

const directives = (policy: string) => new Map(policy.split('; ').map((part) => [part.split(' ')[0]!, part.split(' ').slice(1)]));

describe('securityHeaders', () => {
  it("sets the hub's headers on every response outside the Storybook", () => {
    for (const url of ['/', '/?room=jam', '/assets/index-abc.js', '/peerstage/config.json', '/peerjs']) {
      expect(headersFor(url)).toEqual({
        'Content-Security-Policy': hubContentSecurityPolicy('hub.example:8080'),
        'X-Content-Type-Options': 'nosniff',
        'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self)',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
      });
    }
  });

  it("gives the Storybook's paths its own policy, and only those", () => {
    expect(headersFor('/storybook/')['Content-Security-Policy']).toBe(storybookContentSecurityPolicy('hub.example:8080'));
    expect(headersFor('/storybook')['Content-Security-Policy']).toBe(storybookContentSecurityPolicy('hub.example:8080'));
    expect(headersFor('/storybook/iframe.html?id=x')['Content-Security-Policy']).toBe(storybookContentSecurityPolicy('hub.example:8080'));
    expect(headersFor('/storybooks.html')['Content-Security-Policy']).toBe(hubContentSecurityPolicy('hub.example:8080'));
    expect(headersFor('/storybook/')['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('hubContentSecurityPolicy', () => {
  it('lets the hub load only its own scripts (and the blob: worklets and workers Tone.js makes), and nobody frame it', () => {
    const policy = directives(hubContentSecurityPolicy('hub.example:8080'));
    expect(policy.get('script-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://hub.example:8080', 'wss://hub.example:8080', 'blob:', 'data:']);
    expect(hubContentSecurityPolicy('[::1]:8080')).toContain('ws://[::1]:8080');
  });

  it('writes no Host into the policy that could add a source of its own', () => {
    for (const host of ['evil.example; script-src *', 'a.example b.example', "'unsafe-inline'", undefined]) {
      expect(directives(hubContentSecurityPolicy(host)).get('connect-src')).toEqual(["'self'", 'blob:', 'data:']);
    }
  });
});
