import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silenceCheckMs, type HeartbeatPolicy } from './heartbeatPolicy.ts';
import { PROTOCOL_VERSION, wire } from './protocol.ts';
import { HEARTBEAT, setup, advance, admit } from '../testing/memberLinkRig.ts';

beforeEach(() => {
  // setImmediate stays real: settle() uses it to drain promises.
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('MemberLink: heartbeat', () => {
  it('pings every heartbeatMs once admitted', async () => {
    const rig = setup();
    await admit(rig);
    await advance(3_000);
    expect(rig.channel.sentAt('ping')).toEqual([1_000, 2_000, 3_000]);
  });

  it('stays up as long as Bob keeps talking, pinging all along', async () => {
    const rig = setup();
    await admit(rig);
    // Bob pings every 3 s: less often than Ada, but inside leaveAfterMs (3.5 s).
    for (let i = 0; i < 10; i += 1) {
      await advance(3_000);
      rig.channel.hear({ t: 'ping' });
    }
    expect(rig.events.ended).not.toHaveBeenCalled();
    expect(rig.channel.sentAt('ping')).toHaveLength(30);
  });

  it.each<[string, unknown]>([
    ['data', wire({ t: 'data', data: 1 })],
    ['a proof repeated', wire({ t: 'proof', proof: '' })],
    // Liveness is about hearing from Bob at all: a malformed message still proves he is there.
    ['a malformed message', { v: PROTOCOL_VERSION, t: 'data' }],
    ['garbage', 'garbage'],
  ])('counts %s as a sign of life', async (_, value) => {
    const rig = setup();
    await admit(rig);
    for (let i = 0; i < 5; i += 1) {
      await advance(3_000);
      rig.channel.incoming.next(value);
    }
    expect(rig.events.ended).not.toHaveBeenCalled();
  });

  it.each<HeartbeatPolicy>([
    { heartbeatMs: 1_000, leaveAfterMs: 3_500 },
    { heartbeatMs: 1_000, leaveAfterMs: 3_000 },
    { heartbeatMs: 250, leaveAfterMs: 1_000 },
    { heartbeatMs: 700, leaveAfterMs: 2_000 },
  ])('ends as silent after leaveAfterMs and within one silence check more (%o)', async (heartbeat) => {
    const rig = setup({ heartbeat, handshakeTimeoutMs: 60_000 });
    await admit(rig);
    // Last word from Bob off the heartbeat's beat, so the bound is not met by luck.
    await advance(heartbeat.heartbeatMs / 2 + 17);
    rig.channel.hear({ t: 'ping' });
    const lastHeard = Date.now();
    await advance(heartbeat.leaveAfterMs);
    expect(rig.events.ended).not.toHaveBeenCalled();
    await advance(silenceCheckMs(heartbeat));
    expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'silent');
    const endedAt = rig.channel.log.find((entry) => entry.what === 'close')?.at ?? Number.NaN;
    expect(endedAt - lastHeard).toBeGreaterThan(heartbeat.leaveAfterMs);
    expect(endedAt - lastHeard).toBeLessThanOrEqual(heartbeat.leaveAfterMs + silenceCheckMs(heartbeat));
  });

  // A starved page runs its timer late, maybe before the pings queued meanwhile: the late check
  // leaves the verdict to the next one, by which time those pings are read.
  it('reads the pings queued while this page was frozen before judging silence', async () => {
    const rig = setup({ heartbeat: HEARTBEAT, handshakeTimeoutMs: 60_000 });
    await admit(rig);
    rig.channel.hear({ t: 'ping' });
    // Frozen for 8 s: the clock moves, no timer runs; then the first late check.
    vi.setSystemTime(Date.now() + 8_000);
    await advance(silenceCheckMs(HEARTBEAT));
    expect(rig.events.ended).not.toHaveBeenCalled();
    // Bob's ping, queued behind that check, is read now.
    rig.channel.hear({ t: 'ping' });
    await advance(HEARTBEAT.leaveAfterMs - 100);
    expect(rig.events.ended).not.toHaveBeenCalled();
  });

  it('still drops a silent member after a freeze, one check later than usual', async () => {
    const rig = setup({ heartbeat: HEARTBEAT, handshakeTimeoutMs: 60_000 });
    await admit(rig);
    rig.channel.hear({ t: 'ping' });
    vi.setSystemTime(Date.now() + 8_000);
    await advance(silenceCheckMs(HEARTBEAT));
    expect(rig.events.ended).not.toHaveBeenCalled();
    await advance(silenceCheckMs(HEARTBEAT));
    expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'silent');
  });

  it('drops a silent member even when every check runs late', async () => {
    const rig = setup({ heartbeat: HEARTBEAT, handshakeTimeoutMs: 60_000 });
    await admit(rig);
    rig.channel.hear({ t: 'ping' });
    // Each 250 ms check comes 2 s late: the page stalls for good.
    for (let stalls = 0; stalls < 4; stalls += 1) {
      vi.setSystemTime(Date.now() + 2_000);
      await advance(silenceCheckMs(HEARTBEAT));
    }
    expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'silent');
  });

  it('keeps a silent Bob whose connection still answers: his page is busy, not gone', async () => {
    const rig = setup({ heartbeat: HEARTBEAT, handshakeTimeoutMs: 60_000, transportQuietMs: () => Promise.resolve(200) });
    await admit(rig);
    await advance(10_000);
    expect(rig.events.ended).not.toHaveBeenCalled();
    // Talking again later is all it takes.
    rig.channel.hear({ t: 'ping' });
    await advance(2_000);
    expect(rig.events.ended).not.toHaveBeenCalled();
  });

  it('stops pinging once ended', async () => {
    const rig = setup();
    await admit(rig);
    rig.link.close('closed');
    const pings = rig.channel.sentAt('ping').length;
    await advance(10_000);
    expect(rig.channel.sentAt('ping')).toHaveLength(pings);
  });
});
