/**
 * peerstage's RTC layer against what it is built on, in the same run: round trip of a chat
 * sized JSON message (goal: within 1.1x of raw PeerJS) and 16 MiB binary throughput (goal: at
 * least 0.9x of a bare RTCDataChannel with the same watermarks). Raw PeerJS throughput is
 * listed against the bare channel too, for scale. The three throughput cases take turns round
 * by round (see `measureThroughput`).
 */
import { filter, firstValueFrom, lastValueFrom, Subscription, take } from 'rxjs';
import { DEFAULT_FLOW_CONTROL } from '../../../src/rtc/flowControl.ts';
import type { DataChannel } from '../../../src/rtc/DataChannel.ts';
import type { PeerSession } from '../../../src/rtc/PeerSession.ts';
import { peerSession } from '../../../src/rtc/peerSessionObservable.ts';
import type { BenchCase } from '../benchCase.ts';
import { megabytesPerSecond, THROUGHPUT_BYTES, THROUGHPUT_MESSAGE_BYTES, timeEach } from '../measure.ts';
import { connectPair, nextData, openPeer, peerjsThroughputRound } from '../peerjsPair.ts';
import { openRawChannelPair, type RawChannelPair } from '../rawChannelPair.ts';

const CHAT_MESSAGE = { type: 'chat', text: 'hello' };
const ROUND_TRIPS = 300;
const ROUND_TRIP_BLOCKS = 6;
// Rounds of about a second each on a shared machine drift by ±10%: many rounds, in turns.
const THROUGHPUT_ROUNDS = 16;
const THROUGHPUT_CHUNK = new Uint8Array(THROUGHPUT_MESSAGE_BYTES).fill(7).buffer;

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

/** An echo round trip of one chat message, ready to time. */
type RoundTrip = () => Promise<void>;

async function layerRoundTrip(owner: Subscription): Promise<RoundTrip> {
  const { local, remote } = await layerPair(owner);
  owner.add(remote.messages$.subscribe((message) => void remote.send(message)));
  let echoed: (() => void) | undefined;
  owner.add(local.messages$.subscribe(() => echoed?.()));
  return async () => {
    const back = new Promise<void>((resolve) => (echoed = resolve));
    await local.send(CHAT_MESSAGE);
    await back;
  };
}

async function peerjsRoundTrip(owner: Subscription): Promise<RoundTrip> {
  const [a, b] = await Promise.all([openPeer(), openPeer()]);
  owner.add(() => {
    for (const peer of [a, b]) peer.destroy();
  });
  // The fastest PeerJS offers: its pass-through serialization, JSON done by hand as ours does.
  const [local, remote] = await connectPair(a, b, { serialization: 'raw' });
  remote.on('data', (data) => void remote.send(data));
  return async () => {
    const echoed = nextData(local);
    await local.send(JSON.stringify(CHAT_MESSAGE));
    JSON.parse((await echoed) as string);
  };
}

async function channelRoundTrip(owner: Subscription): Promise<RoundTrip> {
  const pair = await openRawChannelPair();
  owner.add(() => pair.close());
  pair.remote.addEventListener('message', (event: MessageEvent<string>) => pair.remote.send(event.data));
  return async () => {
    const echoed = new Promise<MessageEvent<string>>((resolve) => pair.local.addEventListener('message', resolve, { once: true }));
    pair.local.send(JSON.stringify(CHAT_MESSAGE));
    JSON.parse((await echoed).data);
  };
}

interface RoundTripSamples {
  readonly peerjs: number[];
  readonly layer: number[];
  readonly channel: number[];
}

/** The three round-trip cases in turns, block by block, for the reason given at `measureThroughput`. */
let roundTripRun: Promise<RoundTripSamples> | undefined;
function measureRoundTrips(): Promise<RoundTripSamples> {
  roundTripRun ??= (async () => {
    const owner = new Subscription();
    try {
      const variants = {
        peerjs: await peerjsRoundTrip(owner),
        layer: await layerRoundTrip(owner),
        channel: await channelRoundTrip(owner),
      };
      const samples: RoundTripSamples = { peerjs: [], layer: [], channel: [] };
      for (let block = 0; block < ROUND_TRIP_BLOCKS; block += 1) {
        for (const name of ['peerjs', 'layer', 'channel'] as const) {
          samples[name].push(...(await timeEach(ROUND_TRIPS / ROUND_TRIP_BLOCKS, variants[name], 5)));
        }
      }
      return samples;
    } finally {
      owner.unsubscribe();
    }
  })();
  return roundTripRun;
}

const roundTripCases: BenchCase[] = [
  { name: 'rtc.roundtrip.peerjs', unit: 'ms', better: 'lower', run: async () => (await measureRoundTrips()).peerjs },
  {
    name: 'rtc.roundtrip.layer',
    unit: 'ms',
    better: 'lower',
    baseline: 'rtc.roundtrip.peerjs',
    goal: { max: 1.1 },
    run: async () => (await measureRoundTrips()).layer,
  },
  {
    name: 'rtc.roundtrip.channel',
    unit: 'ms',
    better: 'lower',
    baseline: 'rtc.roundtrip.peerjs',
    run: async () => (await measureRoundTrips()).channel,
  },
];

/** One 16 MiB round over a bare channel: 64 KiB messages, the layer's watermarks. */
async function channelRound(pair: RawChannelPair): Promise<number> {
  const { highWatermarkBytes, lowWatermarkBytes } = DEFAULT_FLOW_CONTROL;
  pair.local.bufferedAmountLowThreshold = lowWatermarkBytes;
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
    pair.local.send(THROUGHPUT_CHUNK);
  }
  await allReceived;
  return megabytesPerSecond(THROUGHPUT_BYTES, performance.now() - startedAt);
}

/** One 16 MiB transfer through the layer, timed until the receiver holds the whole buffer. */
async function layerRound(local: DataChannel, remote: DataChannel, bytes: Uint8Array): Promise<number> {
  const received = firstValueFrom(remote.messages$);
  const startedAt = performance.now();
  await lastValueFrom(local.transfer(bytes));
  const data = (await received) as ArrayBuffer;
  if (data.byteLength !== bytes.byteLength) throw new Error(`received ${data.byteLength} bytes`);
  return megabytesPerSecond(bytes.byteLength, performance.now() - startedAt);
}

interface ThroughputSamples {
  readonly channel: number[];
  readonly layer: number[];
  readonly peerjs: number[];
}

/**
 * The three throughput cases measured in turns, round by round, so that a shared machine's
 * drift lands on all of them alike; each case reads its own samples from the one run.
 */
let throughputRun: Promise<ThroughputSamples> | undefined;
function measureThroughput(): Promise<ThroughputSamples> {
  throughputRun ??= (async () => {
    const owner = new Subscription();
    const pair = await openRawChannelPair();
    const [a, b] = await Promise.all([openPeer(), openPeer()]);
    try {
      const layer = await layerPair(owner);
      const [peerjsLocal, peerjsRemote] = await connectPair(a, b, { serialization: 'raw' });
      const bytes = new Uint8Array(THROUGHPUT_BYTES).fill(7);
      const samples: ThroughputSamples = { channel: [], layer: [], peerjs: [] };
      for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
        samples.channel.push(await channelRound(pair));
        samples.layer.push(await layerRound(layer.local, layer.remote, bytes));
        samples.peerjs.push(await peerjsThroughputRound(peerjsLocal, peerjsRemote, THROUGHPUT_CHUNK));
      }
      return samples;
    } finally {
      owner.unsubscribe();
      pair.close();
      a.destroy();
      b.destroy();
    }
  })();
  return throughputRun;
}

const channelThroughput: BenchCase = {
  name: 'rtc.throughput.channel',
  unit: 'MB/s',
  better: 'higher',
  run: async () => (await measureThroughput()).channel,
};

const layerThroughput: BenchCase = {
  name: 'rtc.throughput.layer',
  unit: 'MB/s',
  better: 'higher',
  baseline: 'rtc.throughput.channel',
  goal: { min: 0.9 },
  run: async () => (await measureThroughput()).layer,
};

const peerjsThroughput: BenchCase = {
  name: 'rtc.throughput.peerjs',
  unit: 'MB/s',
  better: 'higher',
  baseline: 'rtc.throughput.channel',
  run: async () => (await measureThroughput()).peerjs,
};

export function cases(): BenchCase[] {
  return [...roundTripCases, channelThroughput, layerThroughput, peerjsThroughput];
}
