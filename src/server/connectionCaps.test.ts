import { describe, expect, it } from 'vitest';
import { addressKey, connectionCaps } from './connectionCaps.ts';

describe('addressKey', () => {
  it('counts IPv4 as it is, IPv4-mapped IPv6 as its IPv4', () => {
    expect(addressKey('127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::FFFF:10.0.0.7')).toBe('10.0.0.7');
  });

  it('counts IPv6 by its /64, however the address is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('puts a socket without an address (already gone) under one key', () => {
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('connectionCaps', () => {
  it('admits up to the cap per address, and again once one is released', () => {
    const caps = connectionCaps(2);
    const first = caps.admit('10.0.0.1');
    expect(first).toBeTypeOf('function');
    expect(caps.admit('::ffff:10.0.0.1')).toBeTypeOf('function');
    expect(caps.admit('10.0.0.1')).toBeUndefined();
    expect(caps.admit('10.0.0.2')).toBeTypeOf('function');
    expect(caps.held('10.0.0.1')).toBe(2);

    first!();
    first!(); // idempotent: one socket is counted out once
    expect(caps.held('10.0.0.1')).toBe(1);
    expect(caps.admit('10.0.0.1')).toBeTypeOf('function');
  });

  it('counts a whole IPv6 /64 together', () => {
    const caps = connectionCaps(1);
    expect(caps.admit('2001:db8:1:2::1')).toBeTypeOf('function');
    expect(caps.admit('2001:db8:1:2::2')).toBeUndefined();
    expect(caps.admit('2001:db8:1:3::1')).toBeTypeOf('function');
  });

  it('forgets an address with nothing held, and caps nothing at 0', () => {
    const caps = connectionCaps(0);
    const releases = Array.from({ length: 1_000 }, () => caps.admit('10.0.0.1'));
    expect(releases.every((release) => typeof release === 'function')).toBe(true);
    for (const release of releases) release!();
    expect(caps.held('10.0.0.1')).toBe(0);
  });
});
