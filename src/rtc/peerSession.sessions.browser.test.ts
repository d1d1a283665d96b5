/**
 * The RTC layer against a real PeerServer, real Chromium WebRTC and synthetic media.
 */
import { filter, firstValueFrom, mergeMap, Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { firstInto, openTestSession } from '../testing/openTestSession.ts';
import { recordPeerConnections } from '../testing/recordPeerConnections.ts';
import { testSessionOptions } from '../testing/testSignaling.ts';
import { SignalingError } from './errors.ts';
import type { SessionState } from './PeerSession.ts';
import { peerSession } from './peerSessionObservable.ts';
import { backoffPolicy } from './reconnectPolicy.ts';
import { releaseAll, owner, syntheticStream } from '../testing/peerSessionBrowserRig.ts';

afterEach(releaseAll);

describe('sessions', () => {
  it('registers the chosen ID and refuses a taken one with a fatal SignalingError', async () => {
    const id = `chosen-${crypto.randomUUID()}`;
    const first = await openTestSession(owner, { id });
    expect(first.id).toBe(id);
    const failure = await openTestSession(owner, { id }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SignalingError);
    expect(failure).toMatchObject({ reason: 'id-taken' });
  });
});

describe('signaling loss', () => {
  it('keeps P2P links through a signaling restart, then registers the same ID again', async () => {
    const options = testSessionOptions(await commands.startSignaling());
    const [aliceSession, bobSession] = await Promise.all([openTestSession(owner, options), openTestSession(owner, options)]);
    const incoming = firstInto(owner, bobSession.connections$);
    const alice = await firstInto(owner, aliceSession.connect(bobSession.id ?? ''));
    const bob = await incoming;
    const idBefore = aliceSession.id;
    const states: SessionState[] = [];
    owner.add(aliceSession.state$.subscribe((state) => states.push(state)));

    await commands.stopSignaling();
    await expect.poll(() => aliceSession.state).toBe('reconnecting');
    const duringOutage = firstValueFrom(bob.messages$);
    await alice.send('still here');
    expect(await duringOutage).toBe('still here');

    await commands.startSignaling();
    await expect.poll(() => aliceSession.state, { timeout: 5000 }).toBe('open');
    expect(aliceSession.id).toBe(idBefore);
    expect(states[0]).toBe('open');
    expect(states.at(-1)).toBe('open');
    expect(states).toContain('reconnecting');
    const carol = await openTestSession(owner, options);
    expect((await firstInto(owner, carol.connect(idBefore ?? ''))).isOpen).toBe(true);
  }, 20_000);

  it('gives up after the policy says so: the session errors and closes', async () => {
    const port = await commands.startSignaling();
    const options = { ...testSessionOptions(port), reconnect: backoffPolicy({ initialDelayMs: 50, maxAttempts: 2 }) };
    let failure: unknown;
    let session: { readonly state: SessionState } | undefined;
    owner.add(
      peerSession(options).subscribe({
        next: (value) => (session = value),
        error: (error: unknown) => (failure = error),
      }),
    );
    await expect.poll(() => session?.state).toBe('open');
    await commands.stopSignaling();
    await expect.poll(() => failure, { timeout: 5000 }).toBeInstanceOf(SignalingError);
    expect(failure).toMatchObject({ reason: 'unreachable' });
    expect(session?.state).toBe('closed');
    await commands.startSignaling();
  }, 15_000);
});

describe('teardown', () => {
  it('leaves no RTCPeerConnection open and no remote track live after unsubscribing', async () => {
    const { made, restore } = recordPeerConnections();
    try {
      const sessions = new Subscription();
      const [alice, bob] = await Promise.all([openTestSession(sessions), openTestSession(sessions)]);
      const incoming = firstInto(sessions, bob.connections$);
      await firstInto(sessions, alice.connect(bob.id ?? ''));
      await incoming;
      const answered = firstInto(sessions, bob.calls$.pipe(mergeMap((call) => call.answer(syntheticStream('bob', 660)))));
      const caller = await firstInto(sessions, alice.call(bob.id ?? '', syntheticStream('alice', 440)));
      const callee = await answered;
      const remoteStreams = await Promise.all(
        [caller, callee].map((call) => firstValueFrom(call.remoteStream$.pipe(filter((stream) => stream !== null)))),
      );
      const remoteTracks = remoteStreams.flatMap((stream) => stream.getTracks());
      expect(remoteTracks.every((track) => track.readyState === 'live')).toBe(true);
      expect(made.length).toBeGreaterThanOrEqual(4);

      sessions.unsubscribe();

      expect(made.map((pc) => pc.connectionState)).toEqual(made.map(() => 'closed'));
      await expect.poll(() => remoteTracks.filter((track) => track.readyState === 'live')).toEqual([]);
    } finally {
      restore();
    }
  });
});
