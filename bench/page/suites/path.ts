/**
 * A path lost and back: two members in a room, every WebRTC packet of both pages dropped
 * (Chromium's network emulation, 100 % loss both ways; their signaling socket is untouched) for
 * `OUTAGE_MS`, then let through again. The connections restart ICE meanwhile, through the
 * signaling server (src/rtc/IceRestarts.ts), and carry on once a restart finds the path.
 *
 * `path.return-to-media.2`: from the moment the path is back until both members decode new
 * video frames of each other. Against `path.join-to-media.2`: the same two pages joining a
 * fresh room until each decodes a frame of the other — what rebuilding the pair from scratch
 * would take at best. Goal (issue 21): media flowing within 5 s of the path's return (read the
 * median); the ratio shows what resuming costs next to a rebuild.
 */
import type { BenchCase } from '../benchCase.ts';
import { closeMembers, joinProgress, onMember, openMembers, setPacketLoss } from '../memberPages.ts';
import { withinLimit } from '../withinLimit.ts';

const MEMBERS = [0, 1] as const;
/** Past ICE's `disconnected` (a few seconds) and through several restarts that find nothing. */
const OUTAGE_MS = 8_000;
/** Media flowing before the path goes. */
const SETTLE_MS = 2_000;
const ROUNDS = 6;
const PAUSE_MS = 1_000;
const LIMIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One round: a fresh room (its join timed), media, the path gone and back (its return timed). */
async function round(): Promise<{ joinMs: number; returnMs: number }> {
  const roomId = `path-${crypto.randomUUID()}`;
  try {
    const joinedFrom = performance.now();
    await withinLimit('a room of 2', Promise.all(MEMBERS.map((index) => onMember.joinRoom(index, roomId, 1, 'video'))), LIMIT_MS, () =>
      joinProgress(MEMBERS),
    );
    const joinMs = performance.now() - joinedFrom;
    await sleep(SETTLE_MS);
    await Promise.all(MEMBERS.map((index) => setPacketLoss(index, 100)));
    await sleep(OUTAGE_MS);
    const framesAtReturn = await Promise.all(MEMBERS.map((index) => onMember.framesDecoded(index)));
    const returnedAt = performance.now();
    await Promise.all(MEMBERS.map((index) => setPacketLoss(index, 0)));
    await Promise.all(MEMBERS.map((index) => onMember.framesPast(index, framesAtReturn[index]!, LIMIT_MS)));
    return { joinMs, returnMs: performance.now() - returnedAt };
  } finally {
    await Promise.all(MEMBERS.map((index) => setPacketLoss(index, 0)));
    await Promise.all(MEMBERS.map((index) => onMember.reset(index)));
    await sleep(PAUSE_MS);
  }
}

let run: Promise<{ joinMs: number[]; returnMs: number[] }> | undefined;
/** Both figures come from the same rounds on the same two impairable pages. */
function measure(): Promise<{ joinMs: number[]; returnMs: number[] }> {
  run ??= (async () => {
    await openMembers(MEMBERS.length, { impairable: true });
    try {
      const samples = { joinMs: [] as number[], returnMs: [] as number[] };
      for (let index = 0; index < ROUNDS; index += 1) {
        const { joinMs, returnMs } = await round();
        samples.joinMs.push(joinMs);
        samples.returnMs.push(returnMs);
      }
      return samples;
    } finally {
      await closeMembers();
    }
  })();
  return run;
}

export function cases(): BenchCase[] {
  return [
    { name: 'path.join-to-media.2', unit: 'ms', better: 'lower', run: async () => (await measure()).joinMs },
    {
      name: 'path.return-to-media.2',
      unit: 'ms',
      better: 'lower',
      baseline: 'path.join-to-media.2',
      run: async () => (await measure()).returnMs,
    },
  ];
}
