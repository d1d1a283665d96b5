import { firstValueFrom, type Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeJanusSockets } from '../../testing/fakeJanusSocket.ts';
import { RoomError } from '../RoomError.ts';
import { JanusError, VIDEOROOM_PLUGIN } from './JanusError.ts';
import { JANUS_SUBPROTOCOL, JanusSocket } from './JanusSocket.ts';

const URL = 'ws://10.201.0.1:8188';

/** What an Observable did, read synchronously. */
function watch<T>(source: Observable<T>) {
  const seen = { values: [] as T[], error: undefined as unknown, done: false };
  const subscription = source.subscribe({
    next: (value) => seen.values.push(value),
    error: (error) => {
      seen.error = error;
    },
    complete: () => {
      seen.done = true;
    },
  });
  return Object.assign(seen, { subscription });
}

function openSocket(keepaliveMs?: number) {
  const fakes = fakeJanusSockets();
  const socket = new JanusSocket(URL, { createSocket: fakes.createSocket, keepaliveMs });
  const [fake] = fakes.sockets;
  if (!fake) throw new Error('no socket was made');
  fake.open();
  return { socket, fake };
}

const plugin = (data: Record<string, unknown>) => ({ plugin: VIDEOROOM_PLUGIN, data });

describe('JanusSocket: requests', () => {
  it('opens one socket with the janus-protocol subprotocol, and sends what was asked before it opened once it is open', () => {
    const fakes = fakeJanusSockets();
    const socket = new JanusSocket(URL, { createSocket: fakes.createSocket });
    const reply = watch(socket.request({ janus: 'create' }));
    const fake = fakes.sockets[0];
    expect(fakes.sockets).toHaveLength(1);
    expect(fake).toMatchObject({ url: URL, protocol: JANUS_SUBPROTOCOL, sent: [] });
    fake?.open();
    expect(fake?.sent).toEqual([{ janus: 'create', transaction: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
    fake?.receive({ janus: 'success', transaction: fake.lastSent('create').transaction, data: { id: 7 } });
    expect(reply).toMatchObject({ values: [{ janus: 'success', data: { id: 7 } }], done: true });
    socket.dispose();
  });

  it('matches interleaved answers to their requests by transaction', () => {
    const { socket, fake } = openSocket();
    const first = watch(socket.request({ janus: 'attach', session_id: 7, plugin: VIDEOROOM_PLUGIN }));
    const second = watch(socket.request({ janus: 'attach', session_id: 7, plugin: VIDEOROOM_PLUGIN }));
    const [a, b] = fake.sent.map((frame) => frame.transaction);
    expect(a).not.toBe(b);
    fake.receive({ janus: 'success', transaction: b, data: { id: 22 } });
    fake.receive({ janus: 'success', transaction: a, data: { id: 11 } });
    expect(first.values).toEqual([{ janus: 'success', transaction: a, data: { id: 11 } }]);
    expect(second.values).toEqual([{ janus: 'success', transaction: b, data: { id: 22 } }]);
    expect(first.done && second.done).toBe(true);
    socket.dispose();
  });

  it('answers a plugin message with the event after its ack, and a keepalive with its ack', () => {
    const { socket, fake } = openSocket();
    const join = watch(socket.request({ janus: 'message', session_id: 7, handle_id: 11, body: { request: 'join' } }));
    const keepalive = watch(socket.request({ janus: 'keepalive', session_id: 7 }));
    const joinTransaction = fake.lastSent('message').transaction;
    fake.receive({ janus: 'ack', transaction: joinTransaction, session_id: 7 });
    fake.receive({ janus: 'ack', transaction: fake.lastSent('keepalive').transaction, session_id: 7 });
    expect(join).toMatchObject({ values: [], done: false });
    expect(keepalive).toMatchObject({ values: [{ janus: 'ack' }], done: true });
    const joined = { janus: 'event', transaction: joinTransaction, session_id: 7, sender: 11, plugindata: plugin({ videoroom: 'joined' }) };
    fake.receive(joined);
    expect(join).toMatchObject({ values: [joined], done: true });
    socket.dispose();
  });

  it('answers a synchronous plugin message with its success', () => {
    const { socket, fake } = openSocket();
    const create = watch(socket.request({ janus: 'message', session_id: 7, handle_id: 11, body: { request: 'create' } }));
    const created = {
      janus: 'success',
      transaction: fake.lastSent('message').transaction,
      sender: 11,
      plugindata: plugin({ videoroom: 'created' }),
    };
    fake.receive(created);
    expect(create).toMatchObject({ values: [created], done: true });
    socket.dispose();
  });

  it.each([
    [433, 'wrong-passphrase'],
    [429, 'wrong-passphrase'],
    [432, 'room-full'],
    [426, 'join-failed'],
    [427, 'join-failed'],
  ] as const)('turns the plugin refusal %i into a JanusError (%s)', (code, reason) => {
    const { socket, fake } = openSocket();
    const join = watch(socket.request({ janus: 'message', session_id: 7, handle_id: 11, body: { request: 'join' } }));
    const transaction = fake.lastSent('message').transaction;
    fake.receive({ janus: 'ack', transaction });
    fake.receive({ janus: 'event', transaction, sender: 11, plugindata: plugin({ videoroom: 'event', error_code: code, error: 'no' }) });
    expect(join.error).toBeInstanceOf(JanusError);
    expect(join.error).toBeInstanceOf(RoomError);
    expect(join.error).toMatchObject({ code, reason, plugin: VIDEOROOM_PLUGIN });
    socket.dispose();
  });

  it("turns the core's error into a JanusError with its code", () => {
    const { socket, fake } = openSocket();
    const attach = watch(socket.request({ janus: 'attach', session_id: 7, plugin: VIDEOROOM_PLUGIN }));
    fake.receive({ janus: 'error', transaction: fake.lastSent('attach').transaction, error: { code: 458, reason: 'No such session 7' } });
    expect(attach.error).toMatchObject({ code: 458, reason: 'join-failed', plugin: undefined });
    socket.dispose();
  });

  it('drops answers for transactions it is not waiting for, and forgets a request unsubscribed', () => {
    const { socket, fake } = openSocket();
    const events = watch(socket.events$);
    const attach = watch(socket.request({ janus: 'attach', session_id: 7, plugin: VIDEOROOM_PLUGIN }));
    fake.receive({ janus: 'success', transaction: 'f00d', data: { id: 1 } });
    fake.receive({ janus: 'error', transaction: 'f00d', error: { code: 458, reason: 'x' } });
    fake.receive({ janus: 'event', transaction: 'f00d', sender: 11, plugindata: plugin({}) });
    expect(attach).toMatchObject({ values: [], done: false, error: undefined });
    expect(events.values).toEqual([]);
    attach.subscription.unsubscribe();
    fake.receive({ janus: 'success', transaction: fake.lastSent('attach').transaction, data: { id: 1 } });
    expect(attach.values).toEqual([]);
    socket.dispose();
  });

  it('passes on unsolicited events and reports frames that are no Janus message, going on', () => {
    const { socket, fake } = openSocket();
    const events = watch(socket.events$);
    const errors = watch(socket.errors$);
    fake.receive('not json');
    fake.receive({ janus: 'webrtcup', session_id: 7, sender: 11 });
    fake.receive({ janus: 'event', session_id: 7, sender: 11, plugindata: plugin({ videoroom: 'event', leaving: 5 }) });
    expect(errors.values.map((error) => error.reason)).toEqual(['malformed-message']);
    expect(events.values.map((event) => event.janus)).toEqual(['webrtcup', 'event']);
    socket.dispose();
  });
});

describe('JanusSocket: the end', () => {
  it('errors every pending request with signaling-unavailable when the socket closes, and any later one at once', () => {
    const { socket, fake } = openSocket();
    const state = watch(socket.state$);
    const requests = [
      watch(socket.request({ janus: 'create' })),
      watch(socket.request({ janus: 'message', session_id: 7, handle_id: 1, body: {} })),
    ];
    fake.drop(1006);
    for (const request of requests) expect(request.error).toMatchObject({ reason: 'signaling-unavailable' });
    expect(watch(socket.request({ janus: 'create' })).error).toMatchObject({ reason: 'signaling-unavailable' });
    expect(state).toMatchObject({ values: ['open', 'closed'], done: true });
    expect(fake.listeners).toBe(0);
  });

  it('errors with signaling-unavailable when the server cannot be reached', async () => {
    const fakes = fakeJanusSockets();
    const socket = new JanusSocket(URL, { createSocket: fakes.createSocket });
    const created = firstValueFrom(socket.request({ janus: 'create' }));
    fakes.sockets[0]?.dispatchEvent(new Event('error'));
    await expect(created).rejects.toMatchObject({ reason: 'signaling-unavailable' });
    expect(fakes.sockets[0]?.closes).toEqual([1000]);
  });

  it('dispose closes the socket, ends the streams and leaves no listener or timer; twice is fine', () => {
    vi.useFakeTimers();
    const { socket, fake } = openSocket(5_000);
    const events = watch(socket.events$);
    socket.request({ janus: 'create' }).subscribe();
    fake.receive({ janus: 'success', transaction: fake.lastSent('create').transaction, data: { id: 7 } });
    const pending = watch(socket.request({ janus: 'attach', session_id: 7, plugin: VIDEOROOM_PLUGIN }));
    expect(vi.getTimerCount()).toBe(1);
    expect(socket.dispose()).toBe(socket);
    socket.dispose();
    expect(fake.closes).toEqual([1000]);
    expect(fake.listeners).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(events.done).toBe(true);
    expect(pending.error).toMatchObject({ reason: 'signaling-unavailable' });
    vi.useRealTimers();
  });

  it('throws for a URL or keepalive period it cannot use, before opening anything', () => {
    const fakes = fakeJanusSockets();
    expect(() => new JanusSocket('http://janus', fakes)).toThrow(TypeError);
    expect(() => new JanusSocket(URL, { ...fakes, keepaliveMs: 0 })).toThrow(RangeError);
    expect(() => new JanusSocket(URL, { ...fakes, keepaliveMs: Number.NaN })).toThrow(RangeError);
    expect(fakes.sockets).toEqual([]);
  });
});

describe('JanusSocket: keepalive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function createSession(socket: JanusSocket, fake: ReturnType<typeof openSocket>['fake'], id: number): void {
    socket.request({ janus: 'create' }).subscribe();
    fake.receive({ janus: 'success', transaction: fake.lastSent('create').transaction, data: { id } });
  }
  const keepalives = (fake: ReturnType<typeof openSocket>['fake']) =>
    fake.sent.filter((frame) => frame.janus === 'keepalive').map((frame) => frame.session_id);

  it('sends none without a session, then one per session every period, until the sessions end', () => {
    const { socket, fake } = openSocket(5_000);
    vi.advanceTimersByTime(20_000);
    expect(keepalives(fake)).toEqual([]);
    createSession(socket, fake, 7);
    vi.advanceTimersByTime(4_999);
    expect(keepalives(fake)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(keepalives(fake)).toEqual([7]);
    createSession(socket, fake, 8);
    vi.advanceTimersByTime(5_000);
    expect(keepalives(fake)).toEqual([7, 7, 8]);
    // Session 7 expires (Janus says so), 8 is destroyed: no more keepalives, no timer.
    fake.receive({ janus: 'timeout', session_id: 7 });
    socket.request({ janus: 'destroy', session_id: 8 }).subscribe();
    fake.receive({ janus: 'success', transaction: fake.lastSent('destroy').transaction, session_id: 8 });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(20_000);
    expect(keepalives(fake)).toEqual([7, 7, 8]);
    socket.dispose();
  });

  it('forgets a session whose keepalive Janus refuses with 458', () => {
    const { socket, fake } = openSocket(5_000);
    createSession(socket, fake, 7);
    vi.advanceTimersByTime(5_000);
    fake.receive({
      janus: 'error',
      transaction: fake.lastSent('keepalive').transaction,
      error: { code: 458, reason: 'No such session 7' },
    });
    expect(vi.getTimerCount()).toBe(0);
    socket.dispose();
  });
});
