/**
 * The RTC layer against a real PeerServer, real Chromium WebRTC and synthetic media.
 */
import { filter, firstValueFrom, lastValueFrom, mergeMap, skip, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { countVideoFrames, readTone } from '../testing/mediaProbes.ts';
import { firstInto, openTestSession } from '../testing/openTestSession.ts';
import { recordPeerConnections } from '../testing/recordPeerConnections.ts';
import type { Call } from './Call.ts';
import { releaseAll, owner, syntheticStream } from '../testing/peerSessionBrowserRig.ts';

afterEach(releaseAll);

describe('calls', () => {
  async function callPair(): Promise<{ caller: Call; callee: Call }> {
    const [alice, bob] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
    const answered = firstInto(owner, bob.calls$.pipe(mergeMap((incoming) => incoming.answer(syntheticStream('bob', 660)))));
    const caller = await firstInto(owner, alice.call(bob.id ?? '', syntheticStream('alice', 440)));
    return { caller, callee: await answered };
  }

  it("carries each side's moving video and audible tone", async () => {
    const { caller, callee } = await callPair();
    const atBob = await firstValueFrom(callee.remoteStream$.pipe(filter((stream) => stream !== null)));
    const atAlice = await firstValueFrom(caller.remoteStream$.pipe(filter((stream) => stream !== null)));
    expect(await countVideoFrames(atBob, 1000)).toBeGreaterThan(5);
    expect(Math.abs((await readTone(atBob, 1000)).peakHz - 440)).toBeLessThan(12);
    expect(Math.abs((await readTone(atAlice, 1000)).peakHz - 660)).toBeLessThan(12);
  });

  it('switches what it sends with replaceTrack, in the same call', async () => {
    const { caller, callee } = await callPair();
    const atBob = await firstValueFrom(callee.remoteStream$.pipe(filter((stream) => stream !== null)));
    const other = syntheticStream('switched', 880);
    await caller.replaceStream(other);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Math.abs((await readTone(atBob, 1000)).peakHz - 880)).toBeLessThan(12);
    expect(await countVideoFrames(atBob, 600)).toBeGreaterThan(3);
  });

  // In Firefox this rests on the call following its DTLS transport (Call.test.ts): PeerJS's own
  // signal, its channel's close, did not arrive in about one run in three.
  it('sees a hang-up on the other side, and the remote tracks end', async () => {
    const { caller, callee } = await callPair();
    const atBob = await firstValueFrom(callee.remoteStream$.pipe(filter((stream) => stream !== null)));
    const streamAtBob = firstValueFrom(callee.remoteStream$.pipe(skip(1)));
    const statsEnd = lastValueFrom(callee.stats({ intervalMs: 50 }).pipe(toArray()));
    const calleeEnded = lastValueFrom(callee.closed$);
    caller.hangUp();
    await calleeEnded;
    expect(await streamAtBob).toBeNull();
    // Stats end with the call rather than sampling a closed connection forever.
    await statsEnd;
    // Chromium ends remote tracks a task or two after the connection closes.
    await expect.poll(() => atBob.getTracks().map((track) => track.readyState)).toEqual(['ended', 'ended']);
  });

  it('carries a data channel inside the call when both sides ask: one connection each, messages both ways in order', async () => {
    const { made, restore } = recordPeerConnections();
    try {
      const [alice, bob] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
      const answered = firstInto(owner, bob.calls$.pipe(mergeMap((incoming) => incoming.answer(undefined, { channel: 'chat' }))));
      const caller = await firstInto(
        owner,
        alice.call(bob.id ?? '', syntheticStream('alice', 440), { channel: 'chat', metadata: { chat: true } }),
      );
      const callee = await answered;
      const [atAlice, atBob] = await Promise.all([firstValueFrom(caller.channel$), firstValueFrom(callee.channel$)]);
      expect([atAlice.label, atAlice.remoteId, atBob.label, atBob.remoteId]).toEqual(['chat', bob.id, 'chat', alice.id]);
      const sent = Array.from({ length: 200 }, (_, index) => ({ index }));
      const received = firstValueFrom(atBob.messages$.pipe(take(200), toArray()));
      const reply = firstValueFrom(atAlice.messages$);
      await Promise.all(sent.map((message) => atAlice.send(message)));
      expect(await received).toEqual(sent);
      await atBob.send('and back');
      expect(await reply).toBe('and back');
      // The call's own connection carried it: none was made for the channel.
      expect(made).toHaveLength(2);
    } finally {
      restore();
    }
  });

  it('closes the carried channel with the call, and carries none unless asked', async () => {
    const [alice, bob] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
    const answered = firstInto(owner, bob.calls$.pipe(mergeMap((incoming) => incoming.answer(undefined, { channel: 'chat' }))));
    const caller = await firstInto(owner, alice.call(bob.id ?? '', syntheticStream('alice', 440), { channel: 'chat' }));
    const atBob = await firstValueFrom((await answered).channel$);
    caller.hangUp();
    await firstValueFrom(atBob.closed$);
    expect(atBob.isOpen).toBe(false);

    const plain = firstInto(owner, bob.calls$.pipe(mergeMap((incoming) => incoming.answer())));
    const plainCaller = await firstInto(owner, alice.call(bob.id ?? '', syntheticStream('alice', 440)));
    expect(await lastValueFrom(plainCaller.channel$.pipe(toArray()))).toEqual([]);
    expect(await lastValueFrom((await plain).channel$.pipe(toArray()))).toEqual([]);
  });

  it('refuses to switch a kind of track the call never carried', async () => {
    const [alice, bob] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
    const answered = firstInto(owner, bob.calls$.pipe(mergeMap((incoming) => incoming.answer())));
    const audioOnly = new MediaStream(syntheticStream('alice', 440).getAudioTracks());
    const caller = await firstInto(owner, alice.call(bob.id ?? '', audioOnly));
    await answered;
    const [video] = syntheticStream('camera', 440).getVideoTracks();
    await expect(caller.replaceTrack(video ?? null, 'video')).rejects.toMatchObject({ reason: 'unsupported' });
  });
});
