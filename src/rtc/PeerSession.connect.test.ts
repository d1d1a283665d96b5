import { describe, expect, it } from 'vitest';
import { newScheduler, outcome, startSession } from '../testing/peerSessionRig.ts';

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
