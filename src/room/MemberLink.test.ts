import { asyncScheduler, ReplaySubject, Subject } from 'rxjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError } from '../rtc/errors.ts';
import { admissionKey, prove, type AdmissionKey } from './admission.ts';
import { Handshake } from './Handshake.ts';
import { silenceCheckMs, type HeartbeatPolicy } from './heartbeatPolicy.ts';
import type { LinkEnd, LinkEvent } from './LinkEvent.ts';
import { MAX_MESSAGES_BEFORE_ADMISSION, MemberLink } from './MemberLink.ts';
import { decodeWireMessage, PROTOCOL_VERSION, wire, type WireBody, type WireMessage } from './protocol.ts';
import { RoomError } from './RoomError.ts';
import type { VideoSize } from './splitUplink.ts';

const ADA = 'ada-id';
const BOB = 'bob-id';

/**
 * The members of a DataChannel a MemberLink uses, played by hand: the test is Bob, the link
 * is Ada's end. Everything the link does to the channel goes into one `log`, in order.
 */
class FakeChannel {
  readonly remoteId = BOB;
  readonly incoming = new Subject<unknown>();
  readonly channelErrors = new Subject<ConnectionError>();
  readonly closedOnce = new ReplaySubject<void>(1);
  readonly messages$ = this.incoming.asObservable();
  readonly errors$ = this.channelErrors.asObservable();
  readonly closed$ = this.closedOnce.asObservable();
  isOpen = true;
  /** What `send` answers with; a test may make it reject. */
  sendResult: () => Promise<void> = () => Promise.resolve();
  readonly log: Array<
    { readonly at: number; readonly what: 'close' } | { readonly at: number; readonly what: 'send'; readonly message: WireMessage }
  > = [];

  readonly close = vi.fn(() => {
    this.log.push({ at: Date.now(), what: 'close' });
    if (!this.isOpen) return;
    // As the real channel does: it stops and completes messages$.
    this.isOpen = false;
    this.incoming.complete();
    this.closedOnce.next();
    this.closedOnce.complete();
  });

  send(value: unknown): Promise<void> {
    // What Bob would read: after JSON, through his decoder.
    const message = decodeWireMessage(JSON.parse(JSON.stringify(value)), ADA);
    if (message instanceof RoomError) throw message;
    this.log.push({ at: Date.now(), what: 'send', message });
    return this.sendResult();
  }

  /** Bob sends `body` to Ada's link. */
  hear(body: WireBody): void {
    this.incoming.next(JSON.parse(JSON.stringify(wire(body))));
  }

  /** The messages the link sent, in order. */
  get sent(): WireMessage[] {
    return this.log.flatMap((entry) => (entry.what === 'send' ? [entry.message] : []));
  }

  sentAt(kind: WireMessage['t']): number[] {
    return this.log.flatMap((entry) => (entry.what === 'send' && entry.message.t === kind ? [entry.at] : []));
  }
}

/** Mocks, one per kind of event, called with the link and the event's fields as it tells them. */
function recordEvents() {
  return {
    admitted: vi.fn<(link: MemberLink, name: string | undefined) => void>(),
    listed: vi.fn<(link: MemberLink, members: Extract<LinkEvent, { type: 'listed' }>['members']) => void>(),
    data: vi.fn<(link: MemberLink, data: unknown, direct: boolean) => void>(),
    view: vi.fn<(link: MemberLink, size: VideoSize | null) => void>(),
    refused: vi.fn<(link: MemberLink, outcome: Extract<LinkEvent, { type: 'refused' }>['outcome']) => void>(),
    error: vi.fn<(error: RoomError) => void>(),
    ended: vi.fn<(link: MemberLink, why: LinkEnd) => void>(),
  };
}

/** Calls `events`' mock for each of `link`'s events. */
function dispatchTo(events: ReturnType<typeof recordEvents>, link: MemberLink): void {
  link.events$.subscribe((event) => {
    if (event.type === 'admitted') events.admitted(link, event.name);
    else if (event.type === 'listed') events.listed(link, event.members);
    else if (event.type === 'data') events.data(link, event.data, event.direct);
    else if (event.type === 'view') events.view(link, event.size);
    else if (event.type === 'refused') events.refused(link, event.outcome);
    else if (event.type === 'error') events.error(event.error);
    else events.ended(link, event.why);
  });
}

interface SetupOptions {
  readonly heartbeat?: HeartbeatPolicy;
  /** What Bob's connection says when asked how long it has heard nothing; default: cannot tell. */
  readonly transportQuietMs?: () => Promise<number | undefined>;
  readonly handshakeTimeoutMs?: number;
  readonly key?: AdmissionKey;
  readonly joinedThroughDirectory?: boolean;
}

const HEARTBEAT: HeartbeatPolicy = { heartbeatMs: 1_000, leaveAfterMs: 3_500 };

function setup(options: SetupOptions = {}) {
  const channel = new FakeChannel();
  const events = recordEvents();
  const link = new MemberLink(
    channel as unknown as DataChannel,
    ADA,
    { roomId: 'jam', selfId: ADA, remoteId: BOB, name: 'Ada', key: options.key ?? null, refusal: () => null },
    // The async scheduler runs on the faked setInterval and Date: virtual time, injected.
    {
      heartbeat: options.heartbeat ?? HEARTBEAT,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      scheduler: asyncScheduler,
      transportQuietMs: options.transportQuietMs ?? (() => Promise.resolve(undefined)),
      joinedThroughDirectory: options.joinedThroughDirectory,
    },
  );
  dispatchTo(events, link);
  return { channel, events, link };
}

/** Lets the link's message queue (promises, crypto) run; a real macrotask drains it. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Moves virtual time on by `ms`, letting promises run between timers. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

/** The fake channel shows no connection: both ends bind the same empty pair of fingerprints. */
const NO_FINGERPRINTS = { prover: '', verifier: '' };

/**
 * Plays Bob, whom Ada dialed, through a handshake without a passphrase (hello; then, once
 * Ada's proof is in, his proof and intro): Ada admits him.
 */
async function admit({ channel, link, events }: ReturnType<typeof setup>): Promise<void> {
  link.start();
  const hello = channel.sent[0];
  if (hello?.t !== 'hello') throw new Error('the link did not start with hello');
  channel.hear({ t: 'hello', room: 'jam', nonce: 'bob-nonce' });
  channel.hear({ t: 'proof', proof: await prove(null, hello.nonce, BOB, ADA, NO_FINGERPRINTS) });
  channel.hear({ t: 'intro', name: 'Bob' });
  await settle();
  expect(events.admitted).toHaveBeenCalledOnce();
}

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
