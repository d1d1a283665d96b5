import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { admissionKey, type AdmissionKey } from './admission.ts';
import { Handshake } from './Handshake.ts';
import { MAX_MESSAGES_BEFORE_ADMISSION } from './MemberLink.ts';
import { wire } from './protocol.ts';
import { ADA, BOB, setup, settle, advance, admit } from '../testing/memberLinkRig.ts';

beforeEach(() => {
  // setImmediate stays real: settle() uses it to drain promises.
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('MemberLink: admission', () => {
  it('admits Bob on his proof and intro, having proved itself first, and hands out a RemotePeer', async () => {
    const rig = setup();
    await admit(rig);
    const { link, channel, events } = rig;
    expect(link.isAdmitted).toBe(true);
    expect(link.remoteId).toBe(BOB);
    expect(events.admitted).toHaveBeenCalledWith(link, 'Bob');
    expect(channel.sent.map((message) => message.t)).toEqual(['hello', 'proof', 'intro']);
  });

  it('admits against a real Handshake on the other end', async () => {
    const { link, channel, events } = setup();
    const bob = new Handshake(
      { roomId: 'jam', selfId: BOB, remoteId: ADA, name: 'Bob', dialed: false, key: null, fingerprints: () => null, refusal: () => null },
      (message) => channel.hear(message),
    );
    link.start();
    bob.start();
    // Bob reads whatever Ada's link sent until nobody has anything new to say.
    let read = 0;
    while (read < channel.sent.length) {
      const message = channel.sent[read];
      read += 1;
      if (message) await bob.receive(message);
      await settle();
    }
    expect(bob.outcome).toEqual({ type: 'admitted', name: 'Ada', member: undefined });
    expect(events.admitted).toHaveBeenCalledOnce();
    expect(events.admitted).toHaveBeenCalledWith(link, 'Bob');
  });

  describe('with a passphrase', () => {
    let key: AdmissionKey;
    beforeAll(async () => {
      // Derived with real timers, once: PBKDF2 is slow on purpose.
      key = await admissionKey('jam', 'open sesame');
    });

    it('refuses a member without it, tells why, and closes the channel only after a while', async () => {
      const { link, channel, events } = setup({ key });
      link.start();
      channel.hear({ t: 'hello', room: 'jam', nonce: 'bob-nonce' });
      channel.hear({ t: 'proof', proof: '' });
      // verify() runs real crypto: wait for it in real time.
      await vi.waitFor(() => expect(events.ended).toHaveBeenCalled(), { timeout: 5_000 });
      expect(events.refused).toHaveBeenCalledWith(link, { type: 'refused', reason: 'wrong-passphrase', byUs: true, proven: true });
      expect(events.ended).toHaveBeenCalledWith(link, 'refused');
      expect(events.admitted).not.toHaveBeenCalled();
      expect(channel.sent.at(-1)).toEqual(wire({ t: 'refused', reason: 'wrong-passphrase' }));
      // Ada dialed and proved herself first; she never told Bob her name.
      expect(channel.sent.map((message) => message.t)).toEqual(['hello', 'proof', 'refused']);
      expect(JSON.stringify(channel.sent)).not.toContain('Ada');
      // The refusal must get out before the channel goes.
      expect(channel.close).not.toHaveBeenCalled();
      await advance(500);
      expect(channel.close).toHaveBeenCalledOnce();
      expect(link.isAdmitted).toBe(false);
    });
  });

  it('cuts off someone who sends more than a handshake’s worth of messages before proving itself', async () => {
    const { link, channel, events } = setup();
    link.start();
    for (let sent = 0; sent < MAX_MESSAGES_BEFORE_ADMISSION; sent++) channel.hear({ t: 'ping' });
    await settle();
    expect(events.ended).not.toHaveBeenCalled();
    channel.hear({ t: 'ping' });
    await settle();
    expect(events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'malformed-message', peerId: BOB }));
    expect(events.ended).toHaveBeenCalledWith(link, 'refused');
    expect(events.admitted).not.toHaveBeenCalled();
  });

  it('ends as refused when Bob refuses, e.g. because the room is full', async () => {
    const { link, channel, events } = setup();
    link.start();
    channel.hear({ t: 'refused', reason: 'room-full' });
    await settle();
    expect(events.refused).toHaveBeenCalledWith(link, { type: 'refused', reason: 'room-full', byUs: false, proven: false });
    expect(events.ended).toHaveBeenCalledWith(link, 'refused');
  });

  it('reports a broken handshake (data before admission) and ends the link', async () => {
    const { link, channel, events } = setup();
    link.start();
    channel.hear({ t: 'data', data: 'too early' });
    await settle();
    expect(events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'malformed-message', peerId: BOB }));
    expect(events.data).not.toHaveBeenCalled();
    expect(events.ended).toHaveBeenCalledWith(link, 'refused');
  });

  it('lets pings through during the handshake without breaking it', async () => {
    const rig = setup();
    rig.link.start();
    rig.channel.hear({ t: 'ping' });
    await settle();
    expect(rig.events.ended).not.toHaveBeenCalled();
    expect(rig.events.error).not.toHaveBeenCalled();
  });

  it('ends as silent when the handshake does not finish within handshakeTimeoutMs, even if Bob keeps talking', async () => {
    const { link, channel, events } = setup({ heartbeat: { heartbeatMs: 1_000, leaveAfterMs: 60_000 }, handshakeTimeoutMs: 5_000 });
    link.start();
    channel.hear({ t: 'hello', room: 'jam', nonce: 'bob-nonce' });
    // Bob pings but never proves.
    for (let second = 1; second < 5; second += 1) {
      await advance(1_000);
      channel.hear({ t: 'ping' });
    }
    await advance(999);
    expect(events.ended).not.toHaveBeenCalled();
    await advance(1);
    expect(events.ended).toHaveBeenCalledWith(link, 'silent');
    expect(Date.now()).toBe(5_000);
    expect(channel.close).toHaveBeenCalled();
  });

  it('sends no pings before admission', async () => {
    const { link, channel } = setup({ heartbeat: { heartbeatMs: 100, leaveAfterMs: 60_000 }, handshakeTimeoutMs: 5_000 });
    link.start();
    await advance(4_000);
    expect(channel.sent.map((message) => message.t)).toEqual(['hello']);
  });
});
