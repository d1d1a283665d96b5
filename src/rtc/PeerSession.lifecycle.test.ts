import { map, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { SignalingError } from './errors.ts';
import { PeerSession } from './PeerSession.ts';
import { states, newScheduler, outcome, startSession } from '../testing/peerSessionRig.ts';

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
