/**
 * The rig of the PeerSession tests (src/rtc/PeerSession.*.test.ts): a session over fake PeerJS,
 * in the virtual time of a TestScheduler.
 */
import type { Peer } from 'peerjs';
import { catchError, map, of, type Observable, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import { FakePeer } from './fakePeerJs.ts';
import { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError } from '../rtc/errors.ts';
import type { PeerSession, PeerSessionOptions } from '../rtc/PeerSession.ts';
import { peerSession } from '../rtc/peerSessionObservable.ts';
import { backoffPolicy } from '../rtc/reconnectPolicy.ts';

export const states = { c: 'connecting', o: 'open', r: 'reconnecting', x: 'closed' } as const;

/** Delays of 100, 200, 400 ms, then it gives up: jitter is there but `random` centres it. */
export const policy = () =>
  backoffPolicy({ initialDelayMs: 100, multiplier: 2, maxDelayMs: 10_000, jitterRatio: 0.25, maxAttempts: 3, random: () => 0.5 });

export const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Turns a dial into a marble-friendly value: `channel` or the error's reason. */
export const outcome = <T>(dial: Observable<T>): Observable<string> =>
  dial.pipe(
    map((value) => (value instanceof DataChannel ? 'channel' : 'other')),
    catchError((error: unknown) => of(error instanceof ConnectionError ? `error:${error.reason}` : `error:${String(error)}`)),
  );

/**
 * Subscribes `peerSession()` with a fake Peer factory, at virtual time 0 of `scheduler`.
 * `script` runs on each new fake Peer, to play the server for it.
 */
export function startSession(scheduler: TestScheduler, options: Partial<PeerSessionOptions> = {}, script?: (peer: FakePeer) => void) {
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
