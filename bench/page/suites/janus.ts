/**
 * Rooms on Janus (an SFU, issue 23) against the mesh, in one run, on the same member pages:
 * what a member uploads as the room grows, how long a room takes to come together, and what
 * the media cost each page's main thread. Each member is a page and browser context of its
 * own, sharing the synthetic picture at 320x240 and 15 fps without sound (a tone costs an audio
 * encoder per call: 56 of them in a mesh of eight on one machine). Mesh rooms meet at the
 * bench's PeerServer; Janus rooms at the suite's own Janus, which bench/run.ts starts for it
 * (bench/benchJanus.ts) and names in `?janus=`. Both keep the room's default uplink budget
 * (2000 kbit/s), as a user's room would.
 *
 * A round: every member joins a new room at once; the join-to-media time runs from the last
 * member's `joinRoom` call (read on a clock the pages share) until every member has played a
 * frame of every other; then, after the media settle, one window reads each member's sent RTP
 * bytes (payload and headers, over all its RTCPeerConnections, which the member page records
 * by wrapping the constructor), its connected RTCPeerConnections and its main thread's busy
 * time. Mesh and Janus take turns round by round, the first of the pair alternating, so drift
 * lands on both alike.
 *
 * - `janus.uplink.{mesh,sfu}.N` (N = 2, 4, 6, 8): bytes per second per member, against the same
 *   transport at 2 members (goal for Janus: flat within 1.2x up to 8), and Janus against the
 *   mesh at the same N in the second ratio.
 * - `janus.join-to-media.{mesh,sfu}.N` (N = 4, 6, 8): Janus against the mesh at the same N.
 * - `janus.main-thread.{mesh,sfu}.6`: busy ms per second of each page, Janus against the mesh.
 * - `janus.connections.{mesh,sfu}.N`: each member's connected RTCPeerConnections, for what the
 *   uplink is spread over.
 *
 * All eight of a machine's members run on its two cores here, where each person of a real
 * room has a machine of their own: a mesh of eight encodes 56 streams on this machine, and its
 * encoders shed resolution and frames once the cores are full, which holds its uplink down.
 */
import type { BenchCase } from '../benchCase.ts';
import type { MemberLoad } from '../memberApi.ts';
import { joinProgress, onMember, openMembers } from '../memberPages.ts';
import { withinLimit } from '../withinLimit.ts';

type Transport = 'mesh' | 'sfu';
const TRANSPORTS: readonly Transport[] = ['mesh', 'sfu'];
const SIZES: readonly number[] = [2, 4, 6, 8];
/** Two members meet as soon on either: their join says nothing of the room's size. */
const JOIN_SIZES: readonly number[] = [4, 6, 8];
const MAIN_THREAD_SIZE = 6;
const MOST_MEMBERS = Math.max(...SIZES);
/** Few rounds: the suite has ten minutes on a loaded 2-core machine, and each round gives a figure per member. */
const ROUNDS = 3;
/** Time for the first key frames and the bandwidth estimates to settle before the window. */
const SETTLE_MS = 3_000;
const WINDOW_MS = 4_000;
/** Lets the last round's connections wind down before the next room. */
const PAUSE_MS = 1_000;
/** A round this long is a room that did not come together: a failure, not a time. */
const ROUND_LIMIT_MS = 90_000;
/** Issue 23: a member's uplink on Janus stays within 1.2x of a two-member room's. */
const SFU_UPLINK_GOAL = 1.2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const indices = (size: number) => Array.from({ length: size }, (_, index) => index);

function janusUrl(): string {
  const url = new URLSearchParams(location.search).get('janus');
  if (!url) throw new Error('no Janus for the janus suite: run it through `npm run bench -- janus`, which starts one');
  return url;
}

interface RoundFigures {
  readonly joinToMediaMs: number;
  readonly loads: readonly MemberLoad[];
}

/** Members 0…size-1 join a new room on `transport` at once; resolves with the round's figures. */
async function round(size: number, transport: Transport): Promise<RoundFigures> {
  const members = indices(size);
  const roomId = `janus-bench-${crypto.randomUUID()}`;
  const url = transport === 'sfu' ? janusUrl() : undefined;
  try {
    const joins = Promise.all(members.map((index) => onMember.joinRoom(index, roomId, size - 1, 'video-320', undefined, undefined, url)));
    const times = await withinLimit(`a ${transport} room of ${size}`, joins, ROUND_LIMIT_MS, () => joinProgress(members));
    const lastJoin = Math.max(...times.map(({ joinedAt }) => joinedAt));
    const allSeen = Math.max(...times.map(({ seenAt }) => seenAt));
    await sleep(SETTLE_MS);
    const loads = await Promise.all(members.map((index) => onMember.load(index, WINDOW_MS)));
    return { joinToMediaMs: allSeen - lastJoin, loads };
  } finally {
    await Promise.all(members.map((index) => onMember.reset(index)));
    await sleep(PAUSE_MS);
  }
}

interface Samples {
  readonly joinToMediaMs: number[];
  readonly uplink: number[];
  readonly mainThread: number[];
  readonly connections: number[];
}

/** Rounds that did not come together, per transport over every size: told, not timed. */
const unfinished: Record<Transport, number> = { mesh: 0, sfu: 0 };

/** Opens every member page once and warms them up (codecs, the PeerServer, Janus) with a room of each kind. */
let ready: Promise<void> | undefined;
function openAndWarm(): Promise<void> {
  ready ??= (async () => {
    await openMembers(MOST_MEMBERS);
    for (const transport of TRANSPORTS) await round(MOST_MEMBERS, transport).catch((error: unknown) => console.warn(error));
  })();
  return ready;
}

const runs = new Map<number, Promise<Record<Transport, Samples>>>();
/** Mesh and Janus rooms of `size`, round for round, on members 0…size-1 of the pages open for all sizes. */
function measure(size: number): Promise<Record<Transport, Samples>> {
  let run = runs.get(size);
  if (!run) {
    run = (async () => {
      await openAndWarm();
      const empty = (): Samples => ({ joinToMediaMs: [], uplink: [], mainThread: [], connections: [] });
      const samples: Record<Transport, Samples> = { mesh: empty(), sfu: empty() };
      for (let index = 0; index < ROUNDS; index += 1) {
        const order = index % 2 === 0 ? TRANSPORTS : [...TRANSPORTS].reverse();
        for (const transport of order) {
          try {
            const figures = await round(size, transport);
            const into = samples[transport];
            into.joinToMediaMs.push(figures.joinToMediaMs);
            for (const load of figures.loads) {
              into.uplink.push(load.uplinkBytesPerSecond);
              into.mainThread.push(load.mainThreadBusyMsPerSecond);
              into.connections.push(load.peerConnections);
            }
          } catch (error) {
            // One stuck round is no reason to lose the rest.
            console.warn(error);
            unfinished[transport] += 1;
          }
        }
      }
      for (const transport of TRANSPORTS) {
        if (samples[transport].joinToMediaMs.length === 0) throw new Error(`no ${transport} round of ${size} members finished`);
      }
      return samples;
    })();
    runs.set(size, run);
  }
  return run;
}

const read = (size: number, transport: Transport, figure: keyof Samples) => async () => (await measure(size))[transport][figure];

function uplinkCases(): BenchCase[] {
  const [smallest] = SIZES;
  return SIZES.flatMap((size) =>
    TRANSPORTS.map(
      (transport): BenchCase => ({
        name: `janus.uplink.${transport}.${size}`,
        unit: 'B/s',
        better: 'lower',
        ...(size === smallest ? {} : { baseline: `janus.uplink.${transport}.${smallest}` }),
        ...(transport === 'sfu' && size !== smallest ? { goal: { max: SFU_UPLINK_GOAL } } : {}),
        ...(transport === 'sfu' ? { versus: `janus.uplink.mesh.${size}` } : {}),
        run: read(size, transport, 'uplink'),
      }),
    ),
  );
}

/** Cases of one figure at each of `sizes`, Janus read against the mesh of the same size. */
function sfuAgainstMesh(figure: keyof Samples, label: string, unit: string, sizes: readonly number[]): BenchCase[] {
  return sizes.flatMap((size) =>
    TRANSPORTS.map(
      (transport): BenchCase => ({
        name: `janus.${label}.${transport}.${size}`,
        unit,
        better: 'lower',
        ...(transport === 'sfu' ? { baseline: `janus.${label}.mesh.${size}` } : {}),
        run: read(size, transport, figure),
      }),
    ),
  );
}

export function cases(): BenchCase[] {
  return [
    ...uplinkCases(),
    ...sfuAgainstMesh('joinToMediaMs', 'join-to-media', 'ms', JOIN_SIZES),
    ...sfuAgainstMesh('mainThread', 'main-thread', 'ms/s', [MAIN_THREAD_SIZE]),
    ...sfuAgainstMesh('connections', 'connections', 'PCs', SIZES),
    ...TRANSPORTS.map(
      (transport): BenchCase => ({
        name: `janus.unfinished-rounds.${transport}`,
        unit: 'rounds',
        better: 'lower',
        // Read last, once every size has run.
        run: async () => [unfinished[transport]],
      }),
    ),
  ];
}
