import type { Peer } from 'peerjs';
import { catchError, map, of, type Observable, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { FakeConnection, FakePeer } from '../testing/fakePeerJs.ts';
import { encodeChunk } from './binaryFrames.ts';
import { DataChannel } from './DataChannel.ts';
import { ConnectionError, SignalingError } from './errors.ts';
import { PeerSession, type PeerSessionOptions } from './PeerSession.ts';
import { peerSession } from './peerSessionObservable.ts';
import { backoffPolicy } from './reconnectPolicy.ts';

const states = { c: 'connecting', o: 'open', r: 'reconnecting', x: 'closed' } as const;

/** Delays of 100, 200, 400 ms, then it gives up: jitter is there but `random` centres it. */
const policy = () =>
  backoffPolicy({ initialDelayMs: 100, multiplier: 2, maxDelayMs: 10_000, jitterRatio: 0.25, maxAttempts: 3, random: () => 0.5 });

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Turns a dial into a marble-friendly value: `channel` or the error's reason. */
const outcome = <T>(dial: Observable<T>): Observable<string> =>
  dial.pipe(
    map((value) => (value instanceof DataChannel ? 'channel' : 'other')),
    catchError((error: unknown) => of(error instanceof ConnectionError ? `error:${error.reason}` : `error:${String(error)}`)),
  );

/**
 * Subscribes `peerSession()` with a fake Peer factory, at virtual time 0 of `scheduler`.
 * `script` runs on each new fake Peer, to play the server for it.
 */
function startSession(scheduler: TestScheduler, options: Partial<PeerSessionOptions> = {}, script?: (peer: FakePeer) => void) {
  const peers: FakePeer[] = [];
  const result: { session?: PeerSession; error?: unknown; errorAt?: number } = {};
  const subscription: Subscription = peerSession({
    id: 'alice',
    iceServers: [],
    signaling: { host: '127.0.0.1', port: 9, path: '/peerjs' },
    reconnect: policy(),
    createPeer: (id, peerOptions) => {
      const peer = new FakePeer(id, peerOptions, () => scheduler.now());
      peers.push(peer);
      script?.(peer);
      return peer as unknown as Peer;
    },
    ...options,
  }).subscribe({
    next: (session) => (result.session = session),
    error: (error: unknown) => {
      result.error = error;
      result.errorAt = scheduler.now();
    },
  });
  const session = result.session;
  if (!session) throw new Error('peerSession() emits its session at once');
  const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
  const peer = (index: number): FakePeer => {
    const found = peers[index];
    if (!found) throw new Error(`no Peer number ${index}: only ${peers.length} were made`);
    return found;
  };
  return { session, peers, peer, at, subscription, result };
}

describe('PeerSession lifecycle', () => {
  it('is connecting until the server opens the Peer, then open with its ID', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer, at } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      expectObservable(session.state$).toBe('c 9ms o', states);
      expectObservable(session.id$).toBe('10ms a', { a: 'alice' });
    });
  });

  it('creates the Peer with the ID, signaling server and ICE servers it was given', () => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const { peer } = startSession(scheduler);
      expect(peer(0).options).toEqual({
        host: '127.0.0.1',
        port: 9,
        path: '/peerjs',
        secure: false,
        key: 'peerjs',
        config: { iceServers: [] },
        debug: 0,
      });
    });
  });

  it('hands PeerJS a relay-only policy with the ICE servers, and refuses an unknown policy at once', () => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const turn = { urls: 'turn:10.201.0.1:3478', username: '1:u', credential: 'c' };
      const { peer } = startSession(scheduler, { iceServers: [turn], iceTransportPolicy: 'relay' });
      expect(peer(0).options).toMatchObject({ config: { iceServers: [turn], iceTransportPolicy: 'relay' } });
    });
    expect(() => new PeerSession({ iceTransportPolicy: 'relay-only' as RTCIceTransportPolicy })).toThrow(TypeError);
  });

  it('fetches its configuration again before TURN credentials expire; later connections get the renewed ones', () => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const turn = (username: string) => ({ urls: 'turn:10.201.0.1:3478', username, credential: 'c' });
      // Virtual time starts at 0: '100:a' expires at 100 s, so it is renewed at 80 s (80 %).
      const answers = [
        { iceServers: [turn('100:a')], iceTransportPolicy: 'relay' as const },
        { iceServers: [turn('300:b')], iceTransportPolicy: 'relay' as const },
        { iceServers: [] }, // the server away (fetchClientConfig's fallback): keep '300:b'
        { iceServers: [turn('900:c')], iceTransportPolicy: 'relay' as const },
      ];
      const askedAt: number[] = [];
      const { peers, peer, subscription } = startSession(scheduler, {
        iceServers: undefined,
        clientConfig: () => {
          askedAt.push(scheduler.now());
          return of(answers[askedAt.length - 1] ?? answers[3]!);
        },
      });
      const usernames = () => (peer(0).options.config?.iceServers ?? []).map((server: RTCIceServer) => server.username);
      expect(usernames()).toEqual(['100:a']);
      expect(peer(0).options.config?.iceTransportPolicy).toBe('relay');
      scheduler.schedule(() => expect(usernames()).toEqual(['100:a']), 79_999);
      scheduler.schedule(() => expect(usernames()).toEqual(['300:b']), 80_000);
      // Next at 80 s + 80 % of the 220 s left = 256 s; that answer has no credentials, so
      // '300:b' stays and the next ask is a minute later (316 s), which brings '900:c'.
      scheduler.schedule(() => expect(usernames()).toEqual(['300:b']), 300_000);
      scheduler.schedule(() => {
        expect(usernames()).toEqual(['900:c']);
        expect(askedAt).toEqual([0, 80_000, 256_000, 316_000]);
        expect(peers).toHaveLength(1);
        subscription.unsubscribe();
      }, 316_001);
    });
  });

  it('after losing signaling, is reconnecting and calls reconnect() on the same Peer after the backoff delay', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peers, peer, at } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      at(50, () => peer(0).losesSignaling());
      // The first retry waits 100 ms: reconnect() at 150, and the server answers at 170.
      at(170, () => peer(0).serverOpens());
      expectObservable(session.state$).toBe('c 9ms o 39ms r 119ms o', states);
      expectObservable(session.errors$.pipe(map((error) => error.reason))).toBe('50ms u', { u: 'unreachable' });
      scheduler.schedule(() => {
        // Reusing the Peer keeps its ID and its open P2P connections.
        expect(peers).toHaveLength(1);
        expect(peer(0).reconnects).toEqual([150]);
        expect(peer(0).destroyed).toBe(false);
      }, 200);
    });
  });

  it('starts the backoff over after a successful reconnect', () => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const { peer, at } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      at(50, () => peer(0).losesSignaling());
      at(170, () => peer(0).serverOpens());
      at(200, () => peer(0).losesSignaling());
      at(1000, () => expect(peer(0).reconnects).toEqual([150, 300]));
    });
  });

  it('before the first open, creates a new Peer on retry when the failed one was destroyed', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peers, peer, at } = startSession(scheduler);
      at(10, () => peer(0).failsBeforeOpen());
      at(130, () => peer(1).serverOpens());
      // Not 'reconnecting': it never was connected.
      expectObservable(session.state$).toBe('c 129ms o', states);
      at(109, () => expect(peers).toHaveLength(1));
      // At 111: actions scheduled now run before the retry timer set at 10 for the same frame.
      at(111, () => {
        expect(peers).toHaveLength(2);
        expect(peer(0).destroyed).toBe(true);
        expect(peer(0).reconnects).toEqual([]);
        // The old Peer can no longer call back into the session.
        expect(peer(0).eventNames()).toEqual([]);
        expect(peer(1).options).toEqual(peer(0).options);
      });
    });
  });

  it('retries a server error that is not about the session, and reports it on errors$', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peers, peer, at } = startSession(scheduler);
      at(10, () => peer(0).failsBeforeOpen('server-error', 'Could not get an ID from the server.'));
      at(120, () => peer(1).serverOpens());
      expectObservable(session.state$).toBe('c 119ms o', states);
      expectObservable(session.errors$.pipe(map((error) => error.reason))).toBe('10ms u', { u: 'unreachable' });
      at(200, () => expect(peers).toHaveLength(2));
    });
  });

  it('errors with SignalingError id-taken on unavailable-id, without retrying, and closes', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peers, peer, at, result } = startSession(scheduler);
      at(10, () => peer(0).failsBeforeOpen('unavailable-id', 'ID "alice" is taken'));
      expectObservable(session.state$).toBe('c 9ms (x|)', states);
      at(1000, () => {
        expect(result.error).toBeInstanceOf(SignalingError);
        expect(result.error).toHaveProperty('reason', 'id-taken');
        expect(result.errorAt).toBe(10);
        expect(peers).toHaveLength(1);
        expect(peer(0).destroyed).toBe(true);
        expect(session.state).toBe('closed');
      });
    });
  });

  it.each([
    ['invalid-id', 'invalid-id'],
    ['invalid-key', 'invalid-key'],
    ['browser-incompatible', 'browser-incompatible'],
  ])('gives up at once on %s (SignalingError %s)', (type, reason) => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const { peers, peer, at, result } = startSession(scheduler);
      at(10, () => peer(0).failsBeforeOpen(type, type));
      at(1000, () => {
        expect(result.error).toBeInstanceOf(SignalingError);
        expect(result.error).toHaveProperty('reason', reason);
        expect(peers).toHaveLength(1);
      });
    });
  });

  it("gives up after the policy's maxAttempts with SignalingError unreachable, closed, every Peer destroyed", () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      // Every Peer fails 10 ms after it is made. Attempts at 0, 110, 320, 730 (waits of
      // 100, 200, 400); the fourth failure at 740 is past maxAttempts = 3.
      const { session, peers, result } = startSession(scheduler, {}, (peer) => scheduler.schedule(() => peer.failsBeforeOpen(), 10));
      expectObservable(session.state$).toBe('c 739ms (x|)', states);
      expectObservable(session.errors$.pipe(map((error) => error.reason))).toBe('10ms u 109ms u 209ms u 409ms |', {
        u: 'unreachable',
      });
      scheduler.schedule(() => {
        expect(result.error).toBeInstanceOf(SignalingError);
        expect(result.error).toHaveProperty('reason', 'unreachable');
        expect(result.errorAt).toBe(740);
        expect(peers).toHaveLength(4);
        expect(peers.every((peer) => peer.destroyed)).toBe(true);
      }, 2000);
    });
  });

  it('keeps its state when PeerJS says a dialled peer is unavailable, and fails only that dial', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer, at } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      at(30, () => peer(0).fails('peer-unavailable', 'Could not connect to peer bob'));
      expectObservable(session.state$).toBe('c 9ms o', states);
      expectObservable(session.errors$).toBe('');
      expectObservable(outcome(session.connect('bob'))).toBe('30ms (e|)', { e: 'error:peer-unavailable' });
      expectObservable(outcome(session.connect('carol', { timeoutMs: 100 }))).toBe('100ms (e|)', { e: 'error:timeout' });
    });
  });

  it('reports a WebRTC error PeerJS does not attribute on errors$, staying open', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer, at } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      at(20, () => peer(0).fails('webrtc', 'ICE failed'));
      expectObservable(session.state$).toBe('c 9ms o', states);
      expectObservable(session.errors$.pipe(map((error) => error.reason))).toBe('20ms n', { n: 'negotiation-failed' });
    });
  });

  it('unsubscribing destroys the Peer and completes state$ with closed', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer, at, subscription } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      at(50, () => subscription.unsubscribe());
      expectObservable(session.state$).toBe('c 9ms o 39ms (x|)', states);
      expectObservable(session.id$).toBe('10ms a 39ms |', { a: 'alice' });
      at(51, () => {
        expect(peer(0).destroyed).toBe(true);
        expect(peer(0).eventNames()).toEqual([]);
        expect(session.state).toBe('closed');
      });
    });
  });

  it('unsubscribing while waiting to retry cancels the retry', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peers, peer, at, subscription } = startSession(scheduler);
      at(10, () => peer(0).serverOpens());
      at(50, () => peer(0).losesSignaling());
      at(100, () => subscription.unsubscribe());
      expectObservable(session.state$).toBe('c 9ms o 39ms r 49ms (x|)', states);
      at(1000, () => {
        expect(peer(0).reconnects).toEqual([]);
        expect(peers).toHaveLength(1);
        expect(peer(0).destroyed).toBe(true);
      });
    });
  });
});

describe('PeerSession.connect', () => {
  it('waits for the session to open before dialling, then emits the channel when it opens', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer, at } = startSession(scheduler);
      at(40, () => peer(0).serverOpens());
      at(60, () => peer(0).dials[0]?.opens());
      expectObservable(outcome(session.connect('bob', { label: 'chat', metadata: { room: 'jam' } }))).toBe('60ms c', {
        c: 'channel',
      });
      at(39, () => expect(peer(0).dials).toEqual([]));
      at(40, () => {
        expect(peer(0).dials).toHaveLength(1);
        // Reliable and raw: messages and chunks must arrive in order, framed by us.
        expect(peer(0).dials[0]?.options).toEqual({ reliable: true, serialization: 'raw', label: 'chat', metadata: { room: 'jam' } });
      });
    });
  });

  it('times out with ConnectionError timeout when the session never opens', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer } = startSession(scheduler);
      expectObservable(outcome(session.connect('bob', { timeoutMs: 50 }))).toBe('50ms (e|)', { e: 'error:timeout' });
      scheduler.schedule(() => expect(peer(0).dials).toEqual([]), 100);
    });
  });

  it('times out when the session opens but the connection does not, and closes that connection', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, peer, at } = startSession(scheduler, { connectTimeoutMs: 80 });
      at(10, () => peer(0).serverOpens());
      expectObservable(outcome(session.connect('bob'))).toBe('80ms (e|)', { e: 'error:timeout' });
      at(81, () => expect(peer(0).dials[0]?.closed).toBe(true));
    });
  });

  it('fails a dial still waiting for the session with signaling-unavailable when the session closes', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, at, subscription } = startSession(scheduler);
      at(30, () => subscription.unsubscribe());
      expectObservable(outcome(session.connect('bob', { timeoutMs: 1000 }))).toBe('30ms (e|)', { e: 'error:signaling-unavailable' });
    });
  });

  it('errors with signaling-unavailable when called after the session closed', () => {
    const scheduler = newScheduler();
    scheduler.run(({ expectObservable }) => {
      const { session, subscription } = startSession(scheduler);
      subscription.unsubscribe();
      expectObservable(outcome(session.connect('bob'))).toBe('(e|)', { e: 'error:signaling-unavailable' });
    });
  });
});

describe('PeerSession acceptTransfers', () => {
  it('asks for each channel by its label, dialed or incoming: a refused one drops binary with one unexpected-binary and still takes JSON', () => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const asked: string[] = [];
      const { session, peer, at } = startSession(scheduler, {
        acceptTransfers: (label) => {
          asked.push(label);
          return label === 'files';
        },
      });
      const seen: Record<string, string[]> = {};
      const watch = (channel: DataChannel) => {
        const log: string[] = [];
        seen[channel.label] = log;
        channel.errors$.subscribe((error) => log.push(error.reason));
        channel.messages$.subscribe((message) =>
          log.push(message instanceof ArrayBuffer ? `${message.byteLength} bytes` : String(message)),
        );
      };
      /** Two transfers (one whole, one begun) and a JSON string, as a remote would send them. */
      const sendTo = (raw: EventTarget) => {
        const bytes = new Uint8Array(10).fill(1);
        for (const data of [encodeChunk(1, bytes, 0, 5), encodeChunk(1, bytes, 5, 5), encodeChunk(2, bytes, 0, 5), '"hi"']) {
          raw.dispatchEvent(new MessageEvent('message', { data }));
        }
      };
      const incoming = Object.assign(new FakeConnection('carol', { label: 'join' }), { serialization: 'raw' });
      session.connections$.subscribe(watch);
      at(10, () => {
        peer(0).serverOpens();
        session.connect('bob', { label: 'room' }).subscribe(watch);
        session.connect('bob', { label: 'files' }).subscribe(watch);
      });
      at(20, () => {
        for (const dial of peer(0).dials) dial.opens();
        peer(0).emit('connection', incoming);
        incoming.opens();
      });
      at(30, () => {
        for (const dial of peer(0).dials) sendTo(dial.dataChannel);
        sendTo(incoming.dataChannel);
      });
      at(40, () => {
        expect(asked.sort()).toEqual(['files', 'join', 'room']);
        expect(seen).toEqual({
          room: ['unexpected-binary', 'hi'],
          join: ['unexpected-binary', 'hi'],
          files: ['10 bytes', 'hi'],
        });
      });
    });
  });
});
