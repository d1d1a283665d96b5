import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setup, settle, advance, admit } from '../testing/memberLinkRig.ts';

beforeEach(() => {
  // setImmediate stays real: settle() uses it to drain promises.
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('MemberLink: ending', () => {
  it('ends at once on bye, after admission', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.hear({ t: 'bye' });
    await settle();
    expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'bye');
    expect(rig.channel.close).toHaveBeenCalled();
    expect(Date.now()).toBe(0);
  });

  it('ends at once on bye, during the handshake', async () => {
    const { link, channel, events } = setup();
    link.start();
    channel.hear({ t: 'bye' });
    await settle();
    expect(events.ended).toHaveBeenCalledWith(link, 'bye');
    expect(events.error).not.toHaveBeenCalled();
  });

  it('ends as closed when messages$ completes (the other side closed the channel)', async () => {
    const rig = setup();
    await admit(rig);
    rig.channel.incoming.complete();
    expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'closed');
  });

  it('says bye before closing on close("left")', async () => {
    const rig = setup();
    await admit(rig);
    rig.link.close('left');
    const tail = rig.channel.log.slice(-2).map((entry) => (entry.what === 'send' ? entry.message.t : entry.what));
    expect(tail).toEqual(['bye', 'close']);
    expect(rig.events.ended).toHaveBeenCalledWith(rig.link, 'left');
  });

  it('does not say bye on a channel that is no longer open, nor on other kinds of close', async () => {
    const closedFirst = setup();
    await admit(closedFirst);
    closedFirst.channel.isOpen = false;
    closedFirst.link.close('left');
    expect(closedFirst.channel.sentAt('bye')).toEqual([]);

    const replaced = setup();
    await admit(replaced);
    replaced.link.close('replaced');
    expect(replaced.channel.sentAt('bye')).toEqual([]);
    expect(replaced.events.ended).toHaveBeenCalledWith(replaced.link, 'replaced');
  });

  it('ends once, whatever ends it next', async () => {
    const rig = setup();
    await admit(rig);
    rig.link.close('left');
    rig.link.close('left');
    rig.link.close('closed');
    rig.channel.hear({ t: 'bye' });
    await advance(10_000);
    expect(rig.events.ended).toHaveBeenCalledOnce();
    expect(rig.channel.sentAt('bye')).toHaveLength(1);
  });

  it('releases the channel and completes its events when it ends', async () => {
    const rig = setup();
    await admit(rig);
    let completed = false;
    rig.link.events$.subscribe({ complete: () => (completed = true) });
    rig.link.close('closed');
    expect(rig.channel.incoming.observed).toBe(false);
    expect(rig.channel.channelErrors.observed).toBe(false);
    expect(completed).toBe(true);
  });
});
