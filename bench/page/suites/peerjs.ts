/**
 * Raw PeerJS: opening a peer, connecting, round trip and 16 MiB throughput per serialization.
 * These are the baselines later layers compare with, and the evidence behind the choice of
 * serialization per use (ratios here are against `raw`, PeerJS's pass-through).
 */
import type { DataConnection, Peer } from 'peerjs';
import type { BenchCase } from '../benchCase.ts';
import { THROUGHPUT_MESSAGE_BYTES, timeEach } from '../measure.ts';
import { connectPair, nextData, openPeer, peerjsThroughputRound } from '../peerjsPair.ts';

type Serialization = 'raw' | 'binary' | 'json';

async function withPair<T>(serialization: Serialization, use: (local: DataConnection, remote: DataConnection) => Promise<T>): Promise<T> {
  const [a, b] = await Promise.all([openPeer(), openPeer()]);
  try {
    const [local, remote] = await connectPair(a, b, { serialization });
    return await use(local, remote);
  } finally {
    a.destroy();
    b.destroy();
  }
}

const roundTrip = (serialization: Serialization): BenchCase => ({
  name: `peerjs.roundtrip.${serialization}`,
  unit: 'ms',
  better: 'lower',
  ...(serialization === 'raw' ? {} : { baseline: 'peerjs.roundtrip.raw' }),
  run: () =>
    withPair(serialization, (local, remote) => {
      remote.on('data', (data) => void remote.send(data));
      // A short text: what chat and room control messages look like on the wire.
      const message = serialization === 'json' ? { type: 'chat', text: 'hello' } : 'hello';
      return timeEach(
        300,
        async () => {
          const echoed = nextData(local);
          await local.send(message);
          await echoed;
        },
        30,
      );
    }),
});

const throughput = (serialization: Exclude<Serialization, 'json'>): BenchCase => ({
  name: `peerjs.throughput.${serialization}`,
  unit: 'MB/s',
  better: 'higher',
  ...(serialization === 'raw' ? {} : { baseline: 'peerjs.throughput.raw' }),
  run: () =>
    withPair(serialization, async (local, remote) => {
      const samples: number[] = [];
      const chunk = new Uint8Array(THROUGHPUT_MESSAGE_BYTES).fill(7).buffer;
      for (let round = 0; round < 3; round += 1) samples.push(await peerjsThroughputRound(local, remote, chunk));
      return samples;
    }),
});

export function cases(): BenchCase[] {
  let peers: Peer[] = [];
  return [
    {
      name: 'peerjs.open',
      unit: 'ms',
      better: 'lower',
      run: () =>
        timeEach(
          15,
          async () => {
            (await openPeer()).destroy();
          },
          2,
        ),
    },
    {
      name: 'peerjs.connect',
      unit: 'ms',
      better: 'lower',
      run: async () => {
        peers = await Promise.all([openPeer(), openPeer()]);
        const [a, b] = peers as [Peer, Peer];
        try {
          return await timeEach(
            15,
            async () => {
              const [local] = await connectPair(a, b);
              local.close();
            },
            2,
          );
        } finally {
          for (const peer of peers) peer.destroy();
        }
      },
    },
    roundTrip('raw'),
    roundTrip('binary'),
    roundTrip('json'),
    throughput('raw'),
    throughput('binary'),
  ];
}
