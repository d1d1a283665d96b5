/**
 * The ground under everything else: two plain PeerJS peers in one page, signalled by the
 * test run's real PeerServer, exchange a message and a call with synthetic media over WebRTC.
 */
import { Peer, type DataConnection, type MediaConnection } from 'peerjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { countVideoFrames, readTone } from '../testing/mediaProbes.ts';
import { testPeerOptions } from '../testing/testSignaling.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function openPeer(): Promise<Peer> {
  const peer = new Peer(testPeerOptions());
  cleanups.push(() => peer.destroy());
  return new Promise((resolve, reject) => {
    peer.once('open', () => resolve(peer));
    peer.once('error', reject);
  });
}

describe('PeerJS through the local PeerServer', () => {
  it('exchanges a message over a data connection', async () => {
    const [alice, bob] = await Promise.all([openPeer(), openPeer()]);
    const received = new Promise<unknown>((resolve) =>
      bob.on('connection', (connection: DataConnection) => connection.on('data', resolve)),
    );
    const connection = alice.connect(bob.id, { reliable: true });
    await new Promise<void>((resolve) => connection.on('open', () => resolve()));
    connection.send({ hello: 'bob' });
    expect(await received).toEqual({ hello: 'bob' });
  });

  it('carries a call with moving video and audible audio', async () => {
    const [alice, bob] = await Promise.all([openPeer(), openPeer()]);
    const local = createSyntheticStream({ label: 'alice', frequency: 440 });
    cleanups.push(() => {
      for (const track of local.getTracks()) track.stop();
    });
    const remote = new Promise<MediaStream>((resolve) =>
      bob.on('call', (call: MediaConnection) => {
        call.on('stream', resolve);
        call.answer();
      }),
    );
    alice.call(bob.id, local);
    const received = await remote;

    expect(received.getVideoTracks()).toHaveLength(1);
    expect(received.getAudioTracks()).toHaveLength(1);
    expect(await countVideoFrames(received, 1000)).toBeGreaterThan(5);
    const tone = await readTone(received, 1000);
    expect(Math.abs(tone.peakHz - 440)).toBeLessThan(12);
    expect(tone.levelDb).toBeGreaterThan(-30);
  });
});
