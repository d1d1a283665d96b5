import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../rtc/errors.ts';
import { prove } from './admission.ts';
import { PROTOCOL_VERSION, wire } from './protocol.ts';
import { RoomError } from './RoomError.ts';
import { ADA, BOB, setup, settle, advance, NO_FINGERPRINTS, admit } from '../testing/memberLinkRig.ts';

beforeEach(() => {
  // setImmediate stays real: settle() uses it to drain promises.
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('MemberLink: messages', () => {
  it('delivers data in order with its direct flag', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.hear({ t: 'data', data: { n: 1 } });
    rig.channel.hear({ t: 'data', data: 'two', direct: true });
    rig.channel.hear({ t: 'data', data: [3], direct: false });
    rig.channel.hear({ t: 'data', data: null });
    await settle();
    expect(rig.events.data.mock.calls).toEqual([
      [rig.link, { n: 1 }, false],
      [rig.link, 'two', true],
      [rig.link, [3], false],
      [rig.link, null, false],
    ]);
  });

  it("passes on how large the member shows this side's video, and tells it how large its own is shown, once per change", async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.hear({ t: 'view', size: { width: 320, height: 240 } });
    rig.channel.hear({ t: 'view' });
    await settle();
    expect(rig.events.view.mock.calls).toEqual([
      [rig.link, { width: 320, height: 240 }],
      [rig.link, null],
    ]);
    const { link } = rig;
    link.tellView({ width: 199.5, height: 150 });
    link.tellView({ width: 200, height: 150 });
    link.tellView(null);
    link.tellView(null);
    expect(() => link.tellView({ width: 0, height: 150 })).toThrow(RangeError);
    expect(rig.channel.sent.filter((message) => message.t === 'view')).toEqual([
      wire({ t: 'view', size: { width: 200, height: 150 } }),
      wire({ t: 'view' }),
    ]);
  });

  it('does not take a view before the member is admitted', async () => {
    const { link, channel, events } = setup();
    link.start();
    channel.hear({ t: 'view', size: { width: 320, height: 240 } });
    await settle();
    expect(events.view).not.toHaveBeenCalled();
  });

  it('reports malformed input as a RoomError and stays up', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.incoming.next({ v: PROTOCOL_VERSION, t: 'data', direct: 'yes' });
    rig.channel.incoming.next('not even an object');
    rig.channel.incoming.next({ v: 9, t: 'ping' });
    rig.channel.hear({ t: 'data', data: 'still here' });
    await settle();
    const errors = rig.events.error.mock.calls.map(([error]) => error);
    expect(errors.every((error) => error instanceof RoomError && error.peerId === BOB)).toBe(true);
    expect(errors.map((error) => error.reason)).toEqual(['malformed-message', 'malformed-message', 'unknown-message']);
    expect(rig.events.ended).not.toHaveBeenCalled();
    expect(rig.events.data).toHaveBeenCalledWith(rig.link, 'still here', false);
  });

  it('reports malformed input during the handshake and goes on with it', async () => {
    const { link, channel, events } = setup();
    link.start();
    channel.incoming.next({ v: PROTOCOL_VERSION, t: 'hello' });
    await settle();
    expect(events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'malformed-message', peerId: BOB }));
    // The bad hello did not count: a good one still opens the handshake.
    channel.hear({ t: 'hello', room: 'jam', nonce: 'bob-nonce' });
    channel.hear({ t: 'proof', proof: '' });
    channel.hear({ t: 'intro', name: 'Bob' });
    await settle();
    expect(events.admitted).toHaveBeenCalledOnce();
    expect(events.ended).not.toHaveBeenCalled();
  });

  it('reports handshake messages on an established link as unknown-message', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.hear({ t: 'hello', room: 'jam', nonce: 'again' });
    await settle();
    expect(rig.events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'unknown-message', peerId: BOB }));
    expect(rig.events.ended).not.toHaveBeenCalled();
  });

  it('takes a members list only on a link joined through the directory', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.hear({ t: 'members', members: [{ id: 'cy-id' }] });
    await settle();
    expect(rig.events.listed).not.toHaveBeenCalled();
    expect(rig.events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'unknown-message', peerId: BOB }));
  });

  describe('joined through the directory (the channel is to the rendezvous ID)', () => {
    const HOLDER = 'holder-id';

    /** Bob answers on the rendezvous ID for the member `member`. */
    async function admitAsHolder(rig: ReturnType<typeof setup>, member: string | undefined): Promise<void> {
      const { channel, link } = rig;
      link.start();
      const hello = channel.sent[0];
      if (hello?.t !== 'hello') throw new Error('the link did not start with hello');
      channel.hear({ t: 'hello', room: 'jam', nonce: 'holder-nonce' });
      channel.hear({ t: 'proof', proof: await prove(null, hello.nonce, BOB, ADA, NO_FINGERPRINTS) });
      channel.hear({ t: 'intro', name: 'Holder', member });
      await settle();
    }

    it('is the member the intro names, and hands on whom else to dial', async () => {
      const rig = setup({ joinedThroughDirectory: true });
      await admitAsHolder(rig, HOLDER);
      expect(rig.link.remoteId).toBe(HOLDER);
      expect(rig.events.admitted).toHaveBeenCalledWith(rig.link, 'Holder');
      rig.channel.hear({ t: 'members', members: [{ id: 'cy-id', name: 'Cy' }] });
      await settle();
      expect(rig.events.listed).toHaveBeenCalledWith(rig.link, [{ id: 'cy-id', name: 'Cy' }]);
    });

    it('refuses a holder that does not say which member it is, as malformed', async () => {
      const rig = setup({ joinedThroughDirectory: true });
      await admitAsHolder(rig, undefined);
      expect(rig.events.admitted).not.toHaveBeenCalled();
      expect(rig.events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'malformed-message' }));
      expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'refused');
    });

    it('keeps the channel’s peer as the member on an ordinary link, whatever the hello says', async () => {
      const rig = setup();
      await admitAsHolder(rig, HOLDER);
      expect(rig.link.remoteId).toBe(BOB);
    });
  });

  it('turns what the channel refused into RoomErrors', async () => {
    const { link, channel, events } = setup();
    link.start();
    channel.channelErrors.next(new ConnectionError('too-large', BOB, 'too big'));
    channel.channelErrors.next(new ConnectionError('malformed', BOB, 'bad frame'));
    expect(events.error.mock.calls.map(([error]) => [error.reason, error.peerId])).toEqual([
      ['message-too-large', BOB],
      ['malformed-message', BOB],
    ]);
  });

  it('sends application data as a data message, direct only when asked', async () => {
    const rig = setup();
    await admit(rig);
    await rig.link.send({ text: 'hi' }, false);
    await rig.link.send('psst', true);
    expect(rig.channel.sent.filter((message) => message.t === 'data')).toEqual([
      wire({ t: 'data', data: { text: 'hi' } }),
      wire({ t: 'data', data: 'psst', direct: true }),
    ]);
  });

  it('stays quiet when a ping fails on a closed channel, and reports other send failures', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.sendResult = () => Promise.reject(new ConnectionError('closed', BOB, 'closed'));
    await advance(1_000);
    expect(rig.events.error).not.toHaveBeenCalled();
    rig.channel.sendResult = () => Promise.reject(new Error('boom'));
    await advance(1_000);
    expect(rig.events.error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'send-failed', peerId: BOB }));
  });
});
