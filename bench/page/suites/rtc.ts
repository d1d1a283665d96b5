/**
 * peerstage's RTC layer against what it is built on, in the same run: round trip of a chat
 * sized JSON message (goal: within 1.1x of raw PeerJS) and 16 MiB binary throughput (goal: at
 * least 0.9x of a bare RTCDataChannel with the same watermarks). Raw PeerJS throughput is
 * listed against the bare channel too, for scale.
 */
import { filter, firstValueFrom, lastValueFrom, Subscription, take } from 'rxjs';
import { DEFAULT_FLOW_CONTROL } from '../../../src/rtc/flowControl.ts';
import type { DataChannel } from '../../../src/rtc/DataChannel.ts';
import type { PeerSession } from '../../../src/rtc/PeerSession.ts';
import { peerSession } from '../../../src/rtc/peerSessionObservable.ts';
import type { BenchCase } from '../benchCase.ts';
import { megabytesPerSecond, THROUGHPUT_BYTES, THROUGHPUT_MESSAGE_BYTES, timeEach } from '../measure.ts';
import { connectPair, nextData, openPeer } from '../peerjsPair.ts';
import { openRawChannelPair } from '../rawChannelPair.ts';

const CHAT_MESSAGE = { type: 'chat', text: 'hello' };
const ROUND_TRIPS = 300;
const THROUGHPUT_ROUNDS = 5;

async function openSession(owner: Subscription): Promise<PeerSession> {
  const session = await new Promise<PeerSession>((resolve, reject) =>
    owner.add(peerSession({ iceServers: [] }).subscribe({ next: resolve, error: reject })),
  );
  await firstValueFrom(session.state$.pipe(filter((state) => state === 'open')));
  return session;
}

/** Two sessions in this page with an open channel between them; `owner` releases all. */
async function layerPair(owner: Subscription): Promise<{ local: DataChannel; remote: DataChannel }> {
  const [a, b] = await Promise.all([openSession(owner), openSession(owner)]);
  const remote = new Promise<DataChannel>((resolve) => owner.add(b.connections$.pipe(take(1)).subscribe(resolve)));
  const local = await new Promise<DataChannel>((resolve, reject) =>
    owner.add(a.connect(b.id ?? '').subscribe({ next: resolve, error: reject })),
  );
  return { local, remote: await remote };
}

const layerRoundTrip: BenchCase = {
  name: 'rtc.roundtrip.layer',
  unit: 'ms',
  better: 'lower',
  baseline: 'rtc.roundtrip.peerjs',
  goal: { max: 1.1 },
  run: async () => {
    const owner = new Subscription();
    try {
      const { local, remote } = await layerPair(owner);
      owner.add(remote.messages$.subscribe((message) => void remote.send(message)));
      let echoed: (() => void) | undefined;
      owner.add(local.messages$.subscribe(() => echoed?.()));
      return await timeEach(ROUND_TRIPS, async () => {
        const back = new Promise<void>((resolve) => (echoed = resolve));
        await local.send(CHAT_MESSAGE);
        await back;
      }, 30);
    } finally {
      owner.unsubscribe();
    }
  },
};

const peerjsRoundTrip: BenchCase = {
  name: 'rtc.roundtrip.peerjs',
  unit: 'ms',
  better: 'lower',
  run: async () => {
    const [a, b] = await Promise.all([openPeer(), openPeer()]);
    try {
      // The fastest PeerJS offers: its pass-through serialization, JSON done by hand as ours does.
      const [local, remote] = await connectPair(a, b, { serialization: 'raw' });
      remote.on('data', (data) => void remote.send(data));
      return await timeEach(ROUND_TRIPS, async () => {
        const echoed = nextData(local);
        await local.send(JSON.stringify(CHAT_MESSAGE));
        JSON.parse((await echoed) as string);
      }, 30);
    } finally {
      a.destroy();
      b.destroy();
    }
  },
};

const channelRoundTrip: BenchCase = {
  name: 'rtc.roundtrip.channel',
  unit: 'ms',
  better: 'lower',
  baseline: 'rtc.roundtrip.peerjs',
  run: async () => {
    const pair = await openRawChannelPair();
    try {
      pair.remote.addEventListener('message', (event: MessageEvent<string>) => pair.remote.send(event.data));
      return await timeEach(ROUND_TRIPS, async () => {
        const echoed = new Promise<MessageEvent<string>>((resolve) => pair.local.addEventListener('message', resolve, { once: true }));
        pair.local.send(JSON.stringify(CHAT_MESSAGE));
        JSON.parse((await echoed).data);
      }, 30);
    } finally {
      pair.close();
    }
  },
};

const channelThroughput: BenchCase = {
  name: 'rtc.throughput.channel',
  unit: 'MB/s',
  better: 'higher',
  run: async () => {
    const pair = await openRawChannelPair();
    try {
      const { highWatermarkBytes, lowWatermarkBytes } = DEFAULT_FLOW_CONTROL;
      pair.local.bufferedAmountLowThreshold = lowWatermarkBytes;
      const chunk = new Uint8Array(THROUGHPUT_MESSAGE_BYTES).fill(7).buffer;
      const samples: number[] = [];
      for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
        let received = 0;
        const allReceived = new Promise<void>((resolve) => {
          const onMessage = (event: MessageEvent<ArrayBuffer>) => {
            received += event.data.byteLength;
            if (received < THROUGHPUT_BYTES) return;
            pair.remote.removeEventListener('message', onMessage);
            resolve();
          };
          pair.remote.addEventListener('message', onMessage);
        });
        const startedAt = performance.now();
        for (let sent = 0; sent < THROUGHPUT_BYTES; sent += THROUGHPUT_MESSAGE_BYTES) {
          if (pair.local.bufferedAmount + THROUGHPUT_MESSAGE_BYTES > highWatermarkBytes) {
            await new Promise((resolve) => pair.local.addEventListener('bufferedamountlow', resolve, { once: true }));
          }
          pair.local.send(chunk);
        }
        await allReceived;
        samples.push(megabytesPerSecond(THROUGHPUT_BYTES, performance.now() - startedAt));
      }
      return samples;
    } finally {
      pair.close();
    }
  },
};

const layerThroughput: BenchCase = {
  name: 'rtc.throughput.layer',
  unit: 'MB/s',
  better: 'higher',
  baseline: 'rtc.throughput.channel',
  goal: { min: 0.9 },
  run: async () => {
    const owner = new Subscription();
    try {
      const { local, remote } = await layerPair(owner);
      const bytes = new Uint8Array(THROUGHPUT_BYTES).fill(7);
      const samples: number[] = [];
      for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
        const received = firstValueFrom(remote.messages$);
        const startedAt = performance.now();
        await lastValueFrom(local.transfer(bytes));
        const data = (await received) as ArrayBuffer;
        if (data.byteLength !== THROUGHPUT_BYTES) throw new Error(`received ${data.byteLength} bytes`);
        samples.push(megabytesPerSecond(THROUGHPUT_BYTES, performance.now() - startedAt));
      }
      return samples;
    } finally {
      owner.unsubscribe();
    }
  },
};

const peerjsThroughput: BenchCase = {
  name: 'rtc.throughput.peerjs',
  unit: 'MB/s',
  better: 'higher',
  baseline: 'rtc.throughput.channel',
  run: async () => {
    const [a, b] = await Promise.all([openPeer(), openPeer()]);
    try {
      const [local, remote] = await connectPair(a, b, { serialization: 'raw' });
      const chunk = new Uint8Array(THROUGHPUT_MESSAGE_BYTES).fill(7).buffer;
      const samples: number[] = [];
      for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
        let received = 0;
        const allReceived = new Promise<void>((resolve) => {
          const onData = (data: unknown) => {
            received += (data as ArrayBuffer).byteLength;
            if (received < THROUGHPUT_BYTES) return;
            remote.off('data', onData);
            resolve();
          };
          remote.on('data', onData);
        });
        const startedAt = performance.now();
        for (let sent = 0; sent < THROUGHPUT_BYTES; sent += THROUGHPUT_MESSAGE_BYTES) await local.send(chunk);
        await allReceived;
        samples.push(megabytesPerSecond(THROUGHPUT_BYTES, performance.now() - startedAt));
      }
      return samples;
    } finally {
      a.destroy();
      b.destroy();
    }
  },
};

export function cases(): BenchCase[] {
  return [peerjsRoundTrip, layerRoundTrip, channelRoundTrip, channelThroughput, layerThroughput, peerjsThroughput];
}
