/**
 * Frames before admission: a stranger who knows a room's name dials its member and floods the
 * channel with binary frames in peerstage's own framing (declared sizes of 256 MiB, many
 * transfers, duplicate chunks) before any handshake. The member's page must not allocate what
 * the frames claim: its JS heap (ArrayBuffer backing stores included) stays within 50 MB of
 * before, the page does not crash or throw, and the room still works for a real newcomer.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { findMemberToDial, flood, openHostilePage, type FrameSpec } from './support/hostilePage.ts';

const MiB = 1024 * 1024;
/** The largest transfer a channel accepted before the fix: each one claimed this much at its first chunk. */
const DECLARED_BYTES = 256 * MiB;
/** A full chunk, as peerstage's sender cuts them (64 KiB frames). */
const CHUNK_BYTES = 64 * 1024 - 16;
/** The bound on the victim's heap growth. */
const MAX_HEAP_GROWTH_BYTES = 50 * 1_000_000;

/** What each hostile channel sends, in order, before any handshake. */
const FRAMES: readonly FrameSpec[] = [
  // One huge transfer, then its first chunk over and over: received bytes must not add up.
  { transferId: 1, byteOffset: 0, totalBytes: DECLARED_BYTES, payloadBytes: CHUNK_BYTES, repeat: 16 },
  // Many more huge transfers, each opened by one small chunk.
  ...Array.from({ length: 128 }, (_, index) => ({
    transferId: 2 + index,
    byteOffset: 0,
    totalBytes: DECLARED_BYTES - index,
    payloadBytes: 1024,
  })),
  // A two-chunk transfer "completed" by sending its first chunk twice.
  { transferId: 0xffff_0000, byteOffset: 0, totalBytes: 2 * CHUNK_BYTES, payloadBytes: CHUNK_BYTES, repeat: 2 },
];

const link = (room: string, name: string) => `/?${new URLSearchParams({ room, name, media: 'none' })}`;
const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });

interface HeapUsage {
  readonly usedSize: number;
  readonly embedderHeapUsedSize?: number;
  readonly backingStorageSize?: number;
}

/** The page's JS heap after a forced GC: V8's heap, the embedder's, and ArrayBuffer backing stores. */
async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as HeapUsage;
  return usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0);
}

test('a binary flood from strangers before admission allocates nothing, crashes nothing, and the room still works', async ({
  page: victim,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const room = `frames-${randomUUID().slice(0, 8)}`;
  const crashed: string[] = [];
  const thrown: string[] = [];
  victim.on('crash', () => crashed.push('victim'));
  victim.on('pageerror', (error) => thrown.push(error.message));

  await victim.goto(link(room, 'Victim'));
  await expect(roster(victim).getByText('Victim (you)')).toBeVisible({ timeout: 20_000 });
  const cdp = await victim.context().newCDPSession(victim);
  const before = await heapBytes(cdp);

  const stranger = await openHostilePage(browser, baseURL ?? '');
  try {
    const target = await findMemberToDial(stranger, room);
    // Three channels on each label a stranger may open, each from a Peer of its own.
    const labels = [...target.labels, ...target.labels, ...target.labels];
    const report = await flood(stranger, target.peerId, labels, FRAMES);
    test.info().annotations.push({ type: 'flood', description: JSON.stringify(report) });
    expect(report.framesSent, 'the flood reached the member').toBeGreaterThan(0);

    // The flood has left the stranger's page; whatever the member made of it, it holds while
    // the stranger's channels stay open (until the handshake gives up on them).
    let peak = 0;
    for (let sample = 0; sample < 4; sample++) {
      peak = Math.max(peak, await heapBytes(cdp));
      await victim.waitForTimeout(500);
    }
    const growth = peak - before;
    test
      .info()
      .annotations.push({ type: 'heap', description: `before ${before} B, peak ${peak} B, growth ${(growth / MiB).toFixed(1)} MiB` });
    expect(crashed).toEqual([]);
    expect(growth, 'heap growth in bytes').toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  } finally {
    await stranger.context.close();
  }

  // Still a room: a real newcomer joins, both see each other's names and chat both ways.
  const context = await browser.newContext();
  try {
    const second = await context.newPage();
    await second.goto(link(room, 'Second'));
    await expect(roster(second).getByText('Victim', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(roster(victim).getByText('Second', { exact: true })).toBeVisible({ timeout: 20_000 });
    for (const [from, to, text] of [
      [victim, second, 'still here after the flood'],
      [second, victim, 'hello Victim'],
    ] as const) {
      await from.getByRole('textbox', { name: 'Message' }).fill(text);
      await from.getByRole('button', { name: 'Send' }).click();
      await expect(to.getByRole('list', { name: 'Chat' })).toContainText(text);
    }
  } finally {
    await context.close();
  }
  expect(crashed).toEqual([]);
  expect(thrown, 'uncaught exceptions in the member page').toEqual([]);
});
