/**
 * JanusSocket against the janus layers' real servers (tools/vitestJanusSetup.ts): what the fake
 * WebSocket of JanusSocket.test.ts stands for, checked once against Janus 1.1 itself, in
 * Chromium and Firefox. `info` is not asked: its `server_info` answer is no kind the wire reads.
 */
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { RoomError } from '../RoomError.ts';
import { JanusError, VIDEOROOM_PLUGIN } from './JanusError.ts';
import { JanusSocket } from './JanusSocket.ts';

const sockets: JanusSocket[] = [];

function openSocket(url: string): JanusSocket {
  const socket = new JanusSocket(url);
  sockets.push(socket);
  return socket;
}

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.dispose();
});

function urlOf(index: number): string {
  const url = inject('janusUrls')[index];
  if (url === undefined) throw new Error(`the janus layer provides no server ${index}`);
  return url;
}

/** A new session's ID (`create` answers `success` with `data.id`). */
async function createSession(socket: JanusSocket): Promise<number> {
  const reply = await firstValueFrom(socket.request({ janus: 'create' }));
  if (reply.janus !== 'success' || reply.data === undefined) throw new Error(`create answered ${JSON.stringify(reply)}`);
  return reply.data.id;
}

/** What a request errored with (it must error). */
async function refusalOf(socket: JanusSocket, request: Parameters<JanusSocket['request']>[0]): Promise<unknown> {
  return firstValueFrom(socket.request(request)).then(
    (reply) => {
      throw new Error(`${request.janus} was answered: ${JSON.stringify(reply)}`);
    },
    (error: unknown) => error,
  );
}

describe('JanusSocket against Janus', () => {
  it.each([0, 1])('creates a session on server %i, attaches the VideoRoom, lists rooms, and destroys it', async (index) => {
    const socket = openSocket(urlOf(index));
    const session = await createSession(socket);
    const attached = await firstValueFrom(socket.request({ janus: 'attach', session_id: session, plugin: VIDEOROOM_PLUGIN }));
    const handle = attached.janus === 'success' ? attached.data?.id : undefined;
    expect(handle).toBeGreaterThan(0);
    // A synchronous plugin request: `success` with the plugin's data, no ack and event.
    const listed = await firstValueFrom(
      socket.request({ janus: 'message', session_id: session, handle_id: handle, body: { request: 'list' } }),
    );
    expect(listed).toMatchObject({ janus: 'success', plugindata: { plugin: VIDEOROOM_PLUGIN, data: { videoroom: 'success' } } });
    expect(await firstValueFrom(socket.request({ janus: 'keepalive', session_id: session }))).toMatchObject({ janus: 'ack' });
    expect(await firstValueFrom(socket.request({ janus: 'destroy', session_id: session }))).toMatchObject({ janus: 'success' });

    const refusal = await refusalOf(socket, { janus: 'keepalive', session_id: session });
    expect(refusal).toBeInstanceOf(JanusError);
    expect(refusal).toMatchObject({ code: 458, plugin: undefined, reason: 'join-failed' });
  });

  it('keeps the two servers apart: a session of one is unknown to the other', async () => {
    const session = await createSession(openSocket(urlOf(0)));
    const refusal = await refusalOf(openSocket(urlOf(1)), { janus: 'keepalive', session_id: session });
    expect(refusal).toMatchObject({ code: 458 });
  });
});

describe('JanusSocket when Janus goes', () => {
  it('after a restart, sees its socket close, and the server refuses the old session (458) and makes new ones', async () => {
    const url = urlOf(0);
    const before = openSocket(url);
    const old = await createSession(before);
    // Asked before it closes: a completed state$ replays nothing to a later subscriber.
    const lastState = lastValueFrom(before.state$);

    expect(await commands.restartJanus(0)).toBe(url);
    expect(await lastState).toBe('closed');
    expect(await refusalOf(before, { janus: 'create' })).toMatchObject({ reason: 'signaling-unavailable' });

    // A restart loses every session, handle and room (docs/janus-notes.md).
    const after = openSocket(url);
    const refusal = await refusalOf(after, { janus: 'keepalive', session_id: old });
    expect(refusal).toBeInstanceOf(JanusError);
    expect(refusal).toMatchObject({ code: 458 });
    const fresh = await createSession(after);
    expect(fresh).not.toBe(old);
  });

  it('errors signaling-unavailable on a socket to a server that is down', async () => {
    const url = urlOf(0);
    await commands.stopJanus(0);
    try {
      const socket = openSocket(url);
      const lastState = lastValueFrom(socket.state$);
      const refusal = await refusalOf(socket, { janus: 'create' });
      expect(refusal).toBeInstanceOf(RoomError);
      expect(refusal).not.toBeInstanceOf(JanusError);
      expect(refusal).toMatchObject({ reason: 'signaling-unavailable' });
      expect(await lastState).toBe('closed');
    } finally {
      // The next files share the server.
      expect(await commands.startJanus(0)).toBe(url);
    }
  });
});
