/**
 * Join to media: the time from "everyone starts" until every member has presented a video
 * frame of every other member, for rooms of 2, 4 and 6. Each member is a page in a browser
 * context of its own (its own renderer process), as each person has a tab of their own; the
 * bench page only starts them all and waits. The baseline gets the same done with plain
 * PeerJS the way its documentation shows (register, one data connection per pair, and each
 * member calling each other one with its stream), so the ratio is the price of the room
 * itself (the directory, the handshake and the roster) less what it saves by carrying the
 * links of members who share media inside their calls: a connection fewer for each pair but
 * those with the directory's holder. A round that does not come together within 90 s is counted
 * (`room.unfinished-rounds.*`) rather than timed.
 *
 * Goals: the room hardened against strangers (issue 19: the dialer proves first and names
 * follow the proofs, proofs bind the DTLS fingerprints, members meet at the server's room
 * directory, channels refuse binary) may cost at most 5% over the ratios measured before it
 * (0.99x, 1.05x and 1.05x at 2, 4 and 6 members: `npm run bench -- room` at db1cf03).
 *
 * A passphrase room pays for PBKDF2 (600 000 rounds) once per join, while the member
 * registers: `room.passphrase-join-to-media.*` times it against an open room of the same size,
 * round for round in the same run, to report what a passphrase adds to a join.
 *
 * Members share a synthetic picture without sound. With a tone as well, six members' media
 * alone keep a 2-core machine busy once connected (1.9 cores against 1.0 without the tone: 30
 * audio encoders on one machine, where a real room has one machine per member), and a round
 * then times how long the media of the pairs connected first hold up the rest more than the
 * room's own work. The six-member room with the tone is still measured (`….6.with-tone`), for
 * what a saturated machine does, without a goal.
 *
 * Rooms that mix browsers: two Chromium and two Firefox members (`room.mixed-join-to-media.4`)
 * against four Chromium members (`room.chromium-join-to-media.4`), round for round on the same
 * open pages, to show what a Firefox member costs a join. Firefox members are the stock
 * `firefox-esr` over WebDriver BiDi, which `npm run bench` runs inside tools/firefoxNetwork.ts.
 */
import type { BenchCase } from '../benchCase.ts';
import { withinLimit } from '../withinLimit.ts';
import type { MemberMedia } from '../memberApi.ts';
import { closeMembers, joinProgress, onMember, openMembers } from '../memberPages.ts';

interface Setup {
  readonly size: number;
  readonly media: MemberMedia;
  /** The highest ratio to plain PeerJS the room may reach; none: measured without a goal. */
  readonly goal?: number;
  /**
   * Small rooms are quick and noisy: more rounds for them. Six members in six renderers on two
   * cores swing most, so they get more rounds than four.
   */
  readonly rounds: number;
}

const SETUPS: readonly Setup[] = [
  { size: 2, media: 'video', rounds: 10, goal: 1.04 },
  { size: 4, media: 'video', rounds: 6, goal: 1.1 },
  { size: 6, media: 'video', rounds: 8, goal: 1.1 },
  // Measured for what a saturated machine does: no goal (see above).
  { size: 6, media: 'video+tone', rounds: 8 },
];
/** Lets the last round's connections wind down before the next is timed. */
const PAUSE_MS = 500;
/** A round this long is a room (or a mesh) that did not come together: a failure, not a time. */
const ROUND_LIMIT_MS = 90_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const indices = (size: number) => Array.from({ length: size }, (_, index) => index);

async function resetAll(members: readonly number[]): Promise<void> {
  await Promise.all(members.map((index) => onMember.reset(index)));
  await sleep(PAUSE_MS);
}

/**
 * The open member pages at `members` join the same new room at once; resolves with the time
 * until all saw all.
 */
async function roomOf(members: readonly number[], media: MemberMedia, passphrase?: string): Promise<number> {
  const roomId = `bench-${crypto.randomUUID()}`;
  const startedAt = performance.now();
  try {
    const joins = members.map((index) => onMember.joinRoom(index, roomId, members.length - 1, media, passphrase));
    await withinLimit(`a room of ${members.length}`, Promise.all(joins), ROUND_LIMIT_MS, () => joinProgress(members));
    return performance.now() - startedAt;
  } finally {
    await resetAll(members);
  }
}

/** Every member joins the same new room at once; resolves with the time until all saw all. */
const roomRound = ({ size, media }: Pick<Setup, 'size' | 'media'>, passphrase?: string): Promise<number> =>
  roomOf(indices(size), media, passphrase);

/** The same connections with plain PeerJS: register all, then data per pair and calls each way. */
async function peerjsRound({ size, media }: Setup): Promise<number> {
  const startedAt = performance.now();
  try {
    const ids = await Promise.all(indices(size).map((index) => onMember.registerPeer(index, media)));
    const dials = Promise.all(indices(size).map((index) => onMember.dialPeers(index, ids, index)));
    await withinLimit(`a plain PeerJS mesh of ${size}`, dials, ROUND_LIMIT_MS);
    return performance.now() - startedAt;
  } finally {
    await resetAll(indices(size));
  }
}

interface JoinSamples {
  readonly room: number[];
  readonly peerjs: number[];
  /** Rounds that did not come together within the limit, per side: told, not timed. */
  readonly unfinished: { room: number; peerjs: number };
}

/** A round's time, or `undefined` (counted) when it did not finish: one stuck round is no reason to lose the rest. */
async function timed(round: Promise<number>, unfinished: () => void): Promise<number | undefined> {
  try {
    return await round;
  } catch (error) {
    console.warn(error);
    unfinished();
    return undefined;
  }
}

/** Room and baseline take turns round by round, so drift lands on both alike. */
const runs = new Map<Setup, Promise<JoinSamples>>();
function measure(setup: Setup): Promise<JoinSamples> {
  let run = runs.get(setup);
  if (!run) {
    run = (async () => {
      await openMembers(setup.size);
      try {
        const samples: JoinSamples = { room: [], peerjs: [], unfinished: { room: 0, peerjs: 0 } };
        // One unmeasured round of each warms up codecs and the signaling server.
        await timed(roomRound(setup), () => undefined);
        await timed(peerjsRound(setup), () => undefined);
        for (let round = 0; round < setup.rounds; round += 1) {
          const plain = await timed(peerjsRound(setup), () => (samples.unfinished.peerjs += 1));
          if (plain !== undefined) samples.peerjs.push(plain);
          const room = await timed(roomRound(setup), () => (samples.unfinished.room += 1));
          if (room !== undefined) samples.room.push(room);
        }
        if (samples.room.length === 0 || samples.peerjs.length === 0) throw new Error(`no round of ${setup.size} members finished`);
        return samples;
      } finally {
        await closeMembers();
      }
    })();
    runs.set(setup, run);
  }
  return run;
}

/** Rooms with and without a passphrase, of each of these sizes, round for round. */
const PASSPHRASE_SIZES: readonly number[] = [2, 4];
const PASSPHRASE_ROUNDS = 8;
const passphraseRuns = new Map<number, Promise<{ open: number[]; passphrase: number[] }>>();

function measurePassphrase(size: number): Promise<{ open: number[]; passphrase: number[] }> {
  let run = passphraseRuns.get(size);
  if (!run) {
    run = (async () => {
      await openMembers(size);
      try {
        const setup = { size, media: 'video' } as const;
        const samples = { open: [] as number[], passphrase: [] as number[] };
        await timed(roomRound(setup, 'warm-up'), () => undefined);
        for (let round = 0; round < PASSPHRASE_ROUNDS; round += 1) {
          const open = await timed(roomRound(setup), () => undefined);
          if (open !== undefined) samples.open.push(open);
          const locked = await timed(roomRound(setup, `passphrase ${round}`), () => undefined);
          if (locked !== undefined) samples.passphrase.push(locked);
        }
        if (samples.open.length === 0 || samples.passphrase.length === 0)
          throw new Error(`no passphrase round of ${size} members finished`);
        return samples;
      } finally {
        await closeMembers();
      }
    })();
    passphraseRuns.set(size, run);
  }
  return run;
}

/**
 * Four Chromium pages (members 0–3) and two Firefox pages (4 and 5): an all-Chromium room of
 * four is 0–3, a mixed one 0, 1, 4 and 5, so both rounds share two members and run on the
 * same open pages.
 */
const MIXED = { pages: 6, inFirefox: 2, chromium: [0, 1, 2, 3], mixed: [0, 1, 4, 5], rounds: 8 } as const;

interface MixedSamples {
  readonly chromium: number[];
  readonly mixed: number[];
  readonly unfinished: { chromium: number; mixed: number };
}
let mixedRun: Promise<MixedSamples> | undefined;

/** All-Chromium and mixed rooms of four, round for round. */
function measureMixed(): Promise<MixedSamples> {
  mixedRun ??= (async () => {
    await openMembers(MIXED.pages, { inFirefox: MIXED.inFirefox });
    try {
      const samples: MixedSamples = { chromium: [], mixed: [], unfinished: { chromium: 0, mixed: 0 } };
      // One unmeasured round of each warms up both browsers' codecs.
      await timed(roomOf(MIXED.chromium, 'video'), () => undefined);
      await timed(roomOf(MIXED.mixed, 'video'), () => undefined);
      for (let round = 0; round < MIXED.rounds; round += 1) {
        const chromium = await timed(roomOf(MIXED.chromium, 'video'), () => (samples.unfinished.chromium += 1));
        if (chromium !== undefined) samples.chromium.push(chromium);
        const mixed = await timed(roomOf(MIXED.mixed, 'video'), () => (samples.unfinished.mixed += 1));
        if (mixed !== undefined) samples.mixed.push(mixed);
      }
      if (samples.chromium.length === 0 || samples.mixed.length === 0) throw new Error('no mixed-browser round finished');
      return samples;
    } finally {
      await closeMembers();
    }
  })();
  return mixedRun;
}

export function cases(): BenchCase[] {
  const passphraseCases = PASSPHRASE_SIZES.flatMap((size): BenchCase[] => [
    { name: `room.open-join-to-media.${size}`, unit: 'ms', better: 'lower', run: async () => (await measurePassphrase(size)).open },
    {
      name: `room.passphrase-join-to-media.${size}`,
      unit: 'ms',
      better: 'lower',
      baseline: `room.open-join-to-media.${size}`,
      run: async () => (await measurePassphrase(size)).passphrase,
    },
  ]);
  const size = MIXED.mixed.length;
  const mixedCases: BenchCase[] = [
    { name: `room.chromium-join-to-media.${size}`, unit: 'ms', better: 'lower', run: async () => (await measureMixed()).chromium },
    {
      name: `room.mixed-join-to-media.${size}`,
      unit: 'ms',
      better: 'lower',
      baseline: `room.chromium-join-to-media.${size}`,
      run: async () => (await measureMixed()).mixed,
    },
    {
      name: `room.unfinished-rounds.chromium.${size}`,
      unit: 'rounds',
      better: 'lower',
      run: async () => [(await measureMixed()).unfinished.chromium],
    },
    {
      name: `room.unfinished-rounds.mixed.${size}`,
      unit: 'rounds',
      better: 'lower',
      run: async () => [(await measureMixed()).unfinished.mixed],
    },
  ];
  return [
    ...passphraseCases,
    ...mixedCases,
    ...SETUPS.flatMap((setup): BenchCase[] => {
      const withTone = setup.media === 'video+tone';
      const named = (prefix: string) => `${prefix}.${setup.size}${withTone ? '.with-tone' : ''}`;
      return [
        { name: named('room.peerjs-to-media'), unit: 'ms', better: 'lower', run: async () => (await measure(setup)).peerjs },
        {
          name: named('room.join-to-media'),
          unit: 'ms',
          better: 'lower',
          baseline: named('room.peerjs-to-media'),
          ...(setup.goal === undefined ? {} : { goal: { max: setup.goal } }),
          run: async () => (await measure(setup)).room,
        },
        {
          name: named('room.unfinished-rounds.peerjs'),
          unit: 'rounds',
          better: 'lower',
          run: async () => [(await measure(setup)).unfinished.peerjs],
        },
        {
          name: named('room.unfinished-rounds.room'),
          unit: 'rounds',
          better: 'lower',
          run: async () => [(await measure(setup)).unfinished.room],
        },
      ];
    }),
  ];
}
