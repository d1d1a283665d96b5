import { Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { WAIT_MS, LINK_LABEL, fakeChannel, incomingCall, fakeLink, streamNamed, receiveOnly, sharing } from '../testing/memberCallsRig.ts';

beforeEach(() => {
  vi.useFakeTimers();
  // Node has no MediaStream; gatedStream only needs one to hold the clones.
  vi.stubGlobal(
    'MediaStream',
    class {
      getTracks = () => [];
    },
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('MemberCalls', () => {
  it('answers a call before its link exists and hands it to the link once bound', () => {
    const calls = receiveOnly();
    const bob = incomingCall('bob', streamNamed('bob-stream'));
    calls.answer(bob.incoming);
    expect(bob.state.answered).toBe(1);

    const link = fakeLink('bob');
    const owned = new Subscription();
    calls.bind(link, owned);
    expect(link.call.next).toHaveBeenCalledWith(bob.call);
    expect(link.stream.next).toHaveBeenCalledWith(streamNamed('bob-stream'));
    // Bound, it no longer waits: the time limit does not hang it up.
    vi.advanceTimersByTime(WAIT_MS * 2);
    expect(bob.state.hungUp).toBe(0);
    // It ends with its link.
    owned.unsubscribe();
    expect(bob.state.hungUp).toBe(1);
  });

  it('hands a call that comes after the link is bound to the link at once', () => {
    const calls = receiveOnly();
    const link = fakeLink('bob');
    calls.bind(link, new Subscription());
    const bob = incomingCall('bob', streamNamed('bob-stream'));
    calls.answer(bob.incoming);
    expect(link.stream.next).toHaveBeenCalledWith(streamNamed('bob-stream'));
  });

  it('hangs up a call whose link does not come in time', () => {
    const calls = receiveOnly();
    const eve = incomingCall('eve', streamNamed('eve-stream'));
    calls.answer(eve.incoming);
    vi.advanceTimersByTime(WAIT_MS - 1);
    expect(eve.state.hungUp).toBe(0);
    vi.advanceTimersByTime(1);
    expect(eve.state.hungUp).toBe(1);
    // A link that comes later gets nothing of it.
    const link = fakeLink('eve');
    calls.bind(link, new Subscription());
    expect(link.stream.next).not.toHaveBeenCalled();
  });

  it('keeps only the newest call of a member still waiting for its link', () => {
    const calls = receiveOnly();
    const first = incomingCall('bob', streamNamed('first'));
    const second = incomingCall('bob', streamNamed('second'));
    calls.answer(first.incoming);
    calls.answer(second.incoming);
    expect(first.state.hungUp).toBe(1);
    const link = fakeLink('bob');
    calls.bind(link, new Subscription());
    expect(link.stream.next.mock.calls).toEqual([[streamNamed('second')]]);
    // The first one's time limit does not touch the second.
    vi.advanceTimersByTime(WAIT_MS * 2);
    expect(second.state.hungUp).toBe(0);
  });

  it('hangs up every call still waiting when disposed', () => {
    const calls = receiveOnly();
    const bob = incomingCall('bob', streamNamed('bob-stream'));
    calls.answer(bob.incoming);
    calls.dispose();
    expect(bob.state.hungUp).toBe(1);
  });

  it('places a call ahead of the link, which the link takes once bound', () => {
    const { calls, placed, live } = sharing();
    calls.callAhead('bob');
    calls.callAhead('bob');
    expect(live()).toEqual(['bob']);
    const owned = new Subscription();
    calls.bind(fakeLink('bob'), owned);
    // The link takes the call placed ahead rather than placing another.
    expect(placed).toHaveLength(1);
    vi.advanceTimersByTime(WAIT_MS * 2);
    expect(live()).toEqual(['bob']);
    owned.unsubscribe();
    expect(live()).toEqual([]);
  });

  it('hangs up a call placed ahead whose link does not come in time', () => {
    const { calls, placed, live } = sharing();
    calls.callAhead('eve');
    vi.advanceTimersByTime(WAIT_MS);
    expect(live()).toEqual([]);
    // A link that comes later calls anew.
    calls.bind(fakeLink('eve'), new Subscription());
    expect(placed).toHaveLength(2);
    expect(live()).toEqual(['eve']);
  });

  it('places a new call at bind when the one placed ahead failed', () => {
    const { calls, placed, live } = sharing();
    calls.callAhead('bob');
    placed[0]!.fail();
    calls.bind(fakeLink('bob'), new Subscription());
    expect(placed).toHaveLength(2);
    expect(live()).toEqual(['bob']);
  });

  it('calls back a member of the room who called before its link, once', () => {
    const { calls, placed, live } = sharing();
    const bob = incomingCall('bob', streamNamed('bob-stream'));
    calls.answer(bob.incoming);
    expect(live()).toEqual(['bob']);
    const link = fakeLink('bob');
    calls.bind(link, new Subscription());
    expect(placed).toHaveLength(1);
    expect(link.stream.next).toHaveBeenCalledWith(streamNamed('bob-stream'));
  });

  it('does not call back a call that is not from this room', () => {
    const { calls, live } = sharing();
    calls.answer(incomingCall('mallory', streamNamed('m'), { room: 'elsewhere' }).incoming);
    calls.answer(incomingCall('trudy', streamNamed('t'), null).incoming);
    expect(live()).toEqual([]);
  });

  it('does not call back a member whose link is bound: the link called already', () => {
    const { calls, placed } = sharing();
    calls.bind(fakeLink('bob'), new Subscription());
    calls.answer(incomingCall('bob', streamNamed('bob-stream')).incoming);
    expect(placed).toHaveLength(1);
  });

  it('dials a link inside a call when sharing: the link on its channel takes that call', () => {
    const { calls, placed, live } = sharing();
    const opened: DataChannel[] = [];
    calls.linkCall('bob')?.subscribe((channel) => opened.push(channel));
    expect(placed.map((entry) => entry.options)).toEqual([{ metadata: { room: 'jam', link: true }, channel: LINK_LABEL }]);
    // One call to a member at a time: a second dial goes on a connection of its own.
    expect(calls.linkCall('bob')).toBeUndefined();
    const { channel } = fakeChannel('bob');
    placed[0]!.connect(channel);
    expect(opened).toEqual([channel]);
    calls.bind(fakeLink('bob', channel), new Subscription());
    expect(placed).toHaveLength(1);
    expect(live()).toEqual(['bob']);
  });

  it('gives a call carrying a link to no other link of the member, and hangs it up when its channel closes', () => {
    const { calls, placed, live } = sharing();
    calls.linkCall('bob')?.subscribe();
    const carried = fakeChannel('bob');
    placed[0]!.connect(carried.channel);
    // Another link of Bob's (the two are in a tie) calls on its own.
    calls.bind(fakeLink('bob'), new Subscription());
    expect(live()).toEqual(['bob', 'bob']);
    // The carried link lost the tie: its call goes with it.
    carried.close();
    expect(placed.map((entry) => entry.hungUp)).toEqual([true, false]);
  });

  it('fails the dial of a link whose call fails or ends before the link opens', () => {
    const { calls, placed } = sharing();
    const failures: unknown[] = [];
    calls.linkCall('bob')?.subscribe({ error: (error: unknown) => failures.push(error) });
    placed[0]!.fail();
    calls.linkCall('eve')?.subscribe({ error: (error: unknown) => failures.push(error) });
    vi.advanceTimersByTime(WAIT_MS);
    expect(failures).toHaveLength(2);
    expect(failures[1]).toMatchObject({ reason: 'closed', peerId: 'eve' });
  });

  it('does not dial a link inside a call with nothing to share', () => {
    expect(receiveOnly().linkCall('bob')).toBeUndefined();
  });

  it("answers a call carrying its caller's link with the channel, and gives the call to that link alone", () => {
    const incomingLinks: DataChannel[] = [];
    const calls = receiveOnly((channel) => incomingLinks.push(channel));
    const carried = fakeChannel('bob');
    const bob = incomingCall('bob', streamNamed('bob-stream'), { room: 'jam', link: true }, carried.channel);
    calls.answer(bob.incoming);
    expect(bob.state.answeredWith).toEqual({ channel: LINK_LABEL });
    expect(incomingLinks).toEqual([carried.channel]);
    const other = fakeLink('bob');
    calls.bind(other, new Subscription());
    expect(other.stream.next).not.toHaveBeenCalled();
    const own = fakeLink('bob', carried.channel);
    calls.bind(own, new Subscription());
    expect(own.stream.next).toHaveBeenCalledWith(streamNamed('bob-stream'));
    carried.close();
    expect(bob.state.hungUp).toBe(1);
  });

  it('answers a call that carries no link without a channel', () => {
    const bob = incomingCall('bob', streamNamed('bob-stream'));
    receiveOnly().answer(bob.incoming);
    expect(bob.state.answeredWith).toEqual({});
  });

  it('hangs up calls placed ahead when disposed', () => {
    const { calls, live } = sharing();
    calls.callAhead('bob');
    calls.dispose();
    expect(live()).toEqual([]);
  });
});
