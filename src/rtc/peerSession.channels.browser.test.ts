/**
 * The RTC layer against a real PeerServer, real Chromium WebRTC and synthetic media.
 */
import { filter, firstValueFrom, lastValueFrom, mergeMap, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { firstInto, openTestSession } from '../testing/openTestSession.ts';
import type { DataChannel } from './DataChannel.ts';
import { ConnectionError } from './errors.ts';
import { releaseAll, owner, syntheticStream, connectedPair } from '../testing/peerSessionBrowserRig.ts';

afterEach(releaseAll);

describe('data channels', () => {
  it('delivers a thousand messages in order, both ways', async () => {
    const { alice, bob } = await connectedPair();
    const atBob = firstValueFrom(bob.messages$.pipe(take(1000), toArray()));
    const atAlice = firstValueFrom(alice.messages$.pipe(take(1000), toArray()));
    const sent = Array.from({ length: 1000 }, (_, index) => ({ index, text: `message ${index}` }));
    await Promise.all(sent.map((message) => alice.send(message)));
    await Promise.all(sent.map((message) => bob.send(message)));
    expect(await atBob).toEqual(sent);
    expect(await atAlice).toEqual(sent);
  });

  it('transfers 16 MiB of binary intact, with progress on both sides', async () => {
    const { alice, bob } = await connectedPair();
    const bytes = new Uint8Array(16 * 1024 * 1024);
    for (let offset = 0; offset < bytes.length; offset += 65536) {
      crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
    }
    const received = firstValueFrom(bob.messages$);
    const incoming = lastValueFrom(
      bob.transfers$.pipe(
        filter((progress) => progress.state === 'complete'),
        take(1),
      ),
    );
    const sent = await lastValueFrom(alice.transfer(bytes).pipe(toArray()));

    expect(sent.at(-1)).toMatchObject({ bytes: bytes.byteLength, totalBytes: bytes.byteLength });
    expect(sent.length).toBeGreaterThan(200);
    expect(await incoming).toMatchObject({ bytes: bytes.byteLength, state: 'complete' });
    const data = await received;
    expect(data).toBeInstanceOf(ArrayBuffer);
    const [expected, actual] = await Promise.all([
      crypto.subtle.digest('SHA-256', bytes),
      crypto.subtle.digest('SHA-256', data as ArrayBuffer),
    ]);
    expect(new Uint8Array(actual)).toEqual(new Uint8Array(expected));
  });

  it('keeps a message sent after a transfer behind it', async () => {
    const { alice, bob } = await connectedPair();
    const received = firstValueFrom(bob.messages$.pipe(take(2), toArray()));
    void alice.send(new Uint8Array(1024 * 1024).fill(7));
    void alice.send('after');
    const [first, second] = await received;
    expect((first as ArrayBuffer).byteLength).toBe(1024 * 1024);
    expect(second).toBe('after');
  });

  it('reports malformed and oversized input as typed errors and stays open', async () => {
    const { alice, bob } = await connectedPair();
    const errors = firstValueFrom(bob.errors$.pipe(take(2), toArray()));
    const raw = alice.connection.dataChannel;
    raw.send('{not json');
    raw.send(new Uint8Array([9, 9, 9]).buffer);
    expect((await errors).map((error) => [error.constructor, error.reason, error.peerId])).toEqual([
      [ConnectionError, 'malformed', bob.remoteId],
      [ConnectionError, 'malformed', bob.remoteId],
    ]);
    await expect(alice.send('x'.repeat(300 * 1024))).rejects.toMatchObject({ reason: 'too-large' });
    const next = firstValueFrom(bob.messages$);
    await alice.send({ still: 'open' });
    expect(await next).toEqual({ still: 'open' });
  });

  it('samples stats of the connection: a host pair with a round trip and bytes sent', async () => {
    const { alice } = await connectedPair();
    await alice.send(new Uint8Array(256 * 1024));
    const [, second] = await firstValueFrom(alice.stats({ intervalMs: 100 }).pipe(take(2), toArray()));
    expect(second?.localCandidateType).toBe('host');
    // Firefox learns the far host address from a connectivity check that beats its candidate
    // through signaling, and keeps calling it peer-reflexive.
    expect(['host', 'prflx']).toContain(second?.remoteCandidateType);
    expect(second?.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(second?.bytesSent).toBeGreaterThan(256 * 1024);
    expect(second?.bitrateOutBps).not.toBeNull();
  });

  it('completes both ends when one side closes', async () => {
    const { alice, bob } = await connectedPair();
    const bobDone = lastValueFrom(bob.closed$);
    const aliceMessages = lastValueFrom(alice.messages$.pipe(toArray()));
    bob.close();
    await bobDone;
    expect(await aliceMessages).toEqual([]);
    await expect(alice.send('late')).rejects.toMatchObject({ reason: 'closed' });
  });

  it('fails only the connection to an unregistered peer', async () => {
    const [aliceSession, bobSession] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
    const nobody = firstInto(owner, aliceSession.connect('nobody-is-here'));
    const bob = await firstInto(owner, aliceSession.connect(bobSession.id ?? ''));
    const failure = await nobody.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ reason: 'peer-unavailable', peerId: 'nobody-is-here' });
    expect(bob.isOpen).toBe(true);
    expect(aliceSession.state).toBe('open');
  }, 20_000);

  it('times out a connection that never opens', async () => {
    const session = await openTestSession(owner);
    const failure = await firstInto(owner, session.connect('silent-peer', { timeoutMs: 300 })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'timeout', peerId: 'silent-peer' });
  });
});

describe('sessions that refuse transfers', () => {
  it('drop binary on dialed, incoming and call-carried channels with one unexpected-binary each, and JSON flows on', async () => {
    // Bob's session refuses transfers on every label; Alice's takes them.
    const [alice, bob] = await Promise.all([openTestSession(owner), openTestSession(owner, { acceptTransfers: () => false })]);
    const toBob = firstInto(owner, bob.connections$);
    const aliceDials = await firstInto(owner, alice.connect(bob.id ?? '', { label: 'dialed-by-alice' }));
    const toAlice = firstInto(owner, alice.connections$);
    const bobDials = await firstInto(owner, bob.connect(alice.id ?? '', { label: 'dialed-by-bob' }));
    const bobAnswers = firstInto(owner, bob.calls$.pipe(mergeMap((incoming) => incoming.answer(undefined, { channel: 'alice-call' }))));
    const aliceCall = await firstInto(owner, alice.call(bob.id ?? '', syntheticStream('alice', 440), { channel: 'alice-call' }));
    const aliceAnswers = firstInto(owner, alice.calls$.pipe(mergeMap((incoming) => incoming.answer(undefined, { channel: 'bob-call' }))));
    const bobCall = await firstInto(owner, bob.call(alice.id ?? '', syntheticStream('bob', 660), { channel: 'bob-call' }));
    const atAlice = await toAlice;
    const pairs: Array<[from: DataChannel, to: DataChannel]> = [
      [aliceDials, await toBob],
      [atAlice, bobDials],
      [await firstValueFrom(aliceCall.channel$), await firstValueFrom((await bobAnswers).channel$)],
      [await firstValueFrom((await aliceAnswers).channel$), await firstValueFrom(bobCall.channel$)],
    ];
    for (const [from, to] of pairs) {
      const reasons: string[] = [];
      owner.add(to.errors$.subscribe((error) => reasons.push(error.reason)));
      const received = firstValueFrom(to.messages$);
      // Several chunks of a transfer, then a message behind them.
      await from.send(new Uint8Array(200_000).fill(1));
      await from.send({ after: 'binary' });
      expect(await received, to.label).toEqual({ after: 'binary' });
      expect(reasons, to.label).toEqual(['unexpected-binary']);
    }
    // Alice's side still takes what Bob sends.
    const atAliceBinary = firstValueFrom(atAlice.messages$);
    await bobDials.send(new Uint8Array(100_000).fill(3));
    expect(new Uint8Array((await atAliceBinary) as ArrayBuffer)).toEqual(new Uint8Array(100_000).fill(3));
  });
});
