/**
 * The hub's recording panel in real Chromium, on a real stage and a real store: this visit's
 * recordings listed with size and length and kept (not deleted) when the panel goes; a full
 * disk (the origin's quota squeezed through DevTools, so OPFS refuses with a real
 * QuotaExceededError) said while recording, and what was recorded offered for recovery; what
 * closed tabs left — finished, interrupted and junk — listed, recovered, said in words.
 */
import { of, type Subscription } from 'rxjs';
import { cdp } from 'vitest/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspectRecording } from '../record/inspectRecording.ts';
import { RecordError } from '../record/RecordError.ts';
import { heldRecordingLocks } from '../record/recordingLock.ts';
import type { RecordingStore } from '../record/RecordingStore.ts';
import { StageRecorder } from '../record/StageRecorder.ts';
import { Stage } from '../scene/Stage.ts';
import { recordingKit, TEST_RECORDINGS_FOLDER } from '../testing/recordingKit.ts';
import { humanMessage } from './humanMessage.ts';
import { RECORDING_PANEL, recordingPanel } from './recordingPanel.ts';

const releases: (() => unknown)[] = [];
afterEach(async () => {
  await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin });
  for (const release of releases.splice(0).reverse()) await release();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A button's accessible name: its aria-label, else its text. */
const nameOf = (button: HTMLButtonElement) => button.getAttribute('aria-label') ?? button.textContent.trim();
/** The button named `name`, or `name` and more (e.g. "Download peerstage-….webm"). */
const buttonIn = (within: ParentNode, name: string) =>
  [...within.querySelectorAll('button')].find(
    (button) => !button.hidden && (nameOf(button) === name || nameOf(button).startsWith(`${name} `)),
  );

async function mounted(room: string, existing?: { store: RecordingStore }) {
  let store = existing?.store;
  if (!store) {
    const kit = recordingKit();
    releases.push(() => kit.cleanup());
    store = await kit.store();
  }
  const stage = new Stage({ width: 320, height: 180, pixelRatio: 1 });
  releases.push(() => stage.dispose());
  const panel = document.createElement('section');
  document.body.append(panel);
  releases.push(() => panel.remove());
  const shown: Subscription = recordingPanel(panel, { stage: () => stage, peers$: of([]), self: null, room, store }).subscribe();
  releases.push(() => shown.unsubscribe());
  const list = (name: string) => panel.querySelector<HTMLUListElement>(`ul[aria-label="${name}"]`)!;
  const button = (name: string, within: ParentNode = panel) => buttonIn(within, name);
  const items = (name: string) => [...list(name).children] as HTMLLIElement[];
  await vi.waitFor(() => expect(button('Record')?.disabled).toBe(false));
  return { store, panel, list, button, items, shown };
}

/** Records about `ms` in the panel and waits for the recording's line. */
async function recordIn(parts: Awaited<ReturnType<typeof mounted>>, ms: number) {
  const before = parts.items(RECORDING_PANEL.recordings).length;
  parts.button('Record')!.click();
  const timer = parts.panel.querySelector(`[role="timer"]`)!;
  await vi.waitFor(() => expect(timer.textContent).toMatch(/· [1-9][\d.]* (kB|MB)/), { timeout: 10_000 });
  await wait(ms);
  parts.button('Stop recording')!.click();
  await vi.waitFor(() => expect(parts.items(RECORDING_PANEL.recordings)).toHaveLength(before + 1), { timeout: 15_000 });
}

/** The store's folder, to put junk in as a hostile or broken page of this origin could. */
async function storeFolder(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(TEST_RECORDINGS_FOLDER, { create: true });
}

async function write(folder: FileSystemDirectoryHandle, name: string, data: Blob | string) {
  const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
  await writable.write(data);
  await writable.close();
}

const held = (locks: ReadonlySet<string>, name: string) => locks.has(name);

const junk = (bytes: number) => new Blob([crypto.getRandomValues(new Uint8Array(bytes))]);

describe('recordingPanel', () => {
  it('lists this visit’s recordings with size, length and a Download each, newest first, and keeps them when the panel goes', async () => {
    const parts = await mounted('twice');
    const timer = parts.panel.querySelector<HTMLElement>('[role="timer"]')!;
    expect(timer.getAttribute('aria-label')).toBe('Recording time and size');
    expect(timer.closest<HTMLElement>('.recording-state')!.hidden).toBe(true);
    await recordIn(parts, 1_000);
    await recordIn(parts, 1_500);
    const [newest, oldest] = parts.items(RECORDING_PANEL.recordings);
    const names = [newest, oldest].map((item) => item!.querySelector('.recording-name')!.textContent);
    // Two recordings in one minute would share recordingFileName's name: the second gets its own.
    expect(new Set(names).size).toBe(2);
    for (const item of [newest!, oldest!]) {
      await vi.waitFor(() => expect(item.querySelector('.recording-length')!.textContent).toMatch(/^0:0[1-9]$/));
      expect(item.querySelector('.recording-size')!.textContent).toMatch(/^[1-9][\d.]* (kB|MB)$/);
      expect(item.querySelector('time')!.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // The room as the link named it: the file name keeps only a slug of it.
      expect(item.querySelector('.recording-room')!.textContent).toBe('Room twice');
      const name = item.querySelector('.recording-name')!.textContent;
      expect(nameOf(parts.button('Download', item)!)).toBe(`Download ${name}`);
      expect(nameOf(parts.button('Delete', item)!)).toBe(`Delete ${name}`);
    }
    // Watch plays the file in the page; pressed again, the video goes and so does its URL.
    const watch = parts.button('Watch', newest)!;
    expect(watch.getAttribute('aria-expanded')).toBe('false');
    watch.click();
    const video = newest!.querySelector('video')!;
    expect(video.hidden).toBe(false);
    expect(watch.getAttribute('aria-expanded')).toBe('true');
    await vi.waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_METADATA), { timeout: 10_000 });
    expect(video.duration).toBeGreaterThan(1);
    const url = video.src;
    watch.click();
    expect(video.hidden).toBe(true);
    expect(video.getAttribute('src')).toBeNull();
    await expect(fetch(url)).rejects.toThrow();
    const madeAt = (item: HTMLLIElement) => Date.parse(item.querySelector('time')!.getAttribute('datetime')!);
    expect(madeAt(newest!)).toBeGreaterThan(madeAt(oldest!));
    expect(parts.panel.textContent).toContain('Recordings stay in this browser until you delete them');

    // This page holds them: no other tab lists them.
    const held = await heldRecordingLocks();
    const stored = await parts.store.list();
    expect(stored).toHaveLength(2);
    expect(stored.every((meta) => held.has(parts.store.lockName(meta.id)))).toBe(true);
    const [first, second] = stored;
    const report = await inspectRecording(await parts.store.seekable(second!.id));
    expect(report.seekable).toBe(true);
    expect(report.durationS).toBeGreaterThan((await inspectRecording(await parts.store.seekable(first!.id))).durationS);

    parts.button('Delete', oldest)!.click();
    await vi.waitFor(() => expect(parts.items(RECORDING_PANEL.recordings)).toHaveLength(1));
    expect((await parts.store.list()).map((meta) => meta.id)).toEqual([second!.id]);

    // The panel goes (the member leaves): the recording stays in storage, and its lock is free.
    parts.shown.unsubscribe();
    await vi.waitFor(async () => expect((await heldRecordingLocks()).has(parts.store.lockName(second!.id))).toBe(false));
    expect((await parts.store.list()).map((meta) => meta.finished)).toEqual([true]);
    expect(parts.panel.children).toHaveLength(0);

    // The next visit lists it among those kept from earlier visits.
    const next = await mounted('twice', { store: parts.store });
    await vi.waitFor(() => expect(next.items(RECORDING_PANEL.earlier)).toHaveLength(1));
    await vi.waitFor(() =>
      expect(next.items(RECORDING_PANEL.earlier)[0]!.querySelector('.recording-length')!.textContent).toMatch(/^0:0[1-9]$/),
    );
    expect(next.items(RECORDING_PANEL.earlier)[0]!.querySelector('.recording-room')!.textContent).toBe('Room twice');
  }, 60_000);

  it('says a full disk at once, as text, stops, and offers what was recorded for recovery once there is room', async () => {
    const room = '<b>full</b> disk';
    const { store, panel, list, button, items } = await mounted(room);
    button('Record')!.click();
    await vi.waitFor(
      async () => {
        const [meta] = await store.list();
        expect(meta && (await store.chunks(meta.id)).size).toBeGreaterThan(0);
      },
      { timeout: 10_000 },
    );
    const { usage = 0 } = await navigator.storage.estimate();
    await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin, quotaSize: usage + 64 });

    // Nobody presses Stop: the panel says it by itself.
    const problem = panel.querySelector<HTMLElement>(`[aria-label="${RECORDING_PANEL.problem}"]`)!;
    expect(problem.getAttribute('role')).toBe('alert');
    await vi.waitFor(() => expect(problem.textContent).toBe(humanMessage(new RecordError('storage-full', ''))), { timeout: 10_000 });
    expect(problem.children).toHaveLength(0);
    expect(button('Record')!.disabled).toBe(false);
    expect(button('Stop recording')).toBeUndefined();

    const offers = list(RECORDING_PANEL.interrupted);
    await vi.waitFor(() => expect(offers.children).toHaveLength(1));
    expect(offers.textContent).toContain('peerstage-b-full-b-disk-');
    expect(offers.querySelector('b')).toBeNull();

    await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin });
    button('Recover', offers)!.click();
    await vi.waitFor(() => expect(items(RECORDING_PANEL.recordings)).toHaveLength(1), { timeout: 10_000 });
    const [recovered] = items(RECORDING_PANEL.recordings);
    expect(button('Download', recovered!)).toBeDefined();
    await vi.waitFor(() => expect(recovered!.querySelector('.recording-length')!.textContent).toMatch(/^\d+:\d\d$/));
    expect(offers.children).toHaveLength(0);
  }, 30_000);

  it('lists what closed tabs left — finished, interrupted, junk — and not what another tab has; recovers, says failures in words', async () => {
    const kit = recordingKit();
    releases.push(() => kit.cleanup());
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const recorder = (room: string) => new StageRecorder(canvas, { store, room, timesliceMs: 200 });
    const record = async (room: string) => {
      const made = recorder(room);
      const { id } = await made.start();
      // Stopped only once something is stored: a loaded machine's encoder is slow to start.
      await vi.waitFor(async () => expect((await store.chunks(id)).size).toBeGreaterThan(0), { timeout: 15_000 });
      await wait(500);
      const recording = await made.stop();
      made.dispose();
      return recording;
    };
    const left = await record('left behind');
    await left.release(); // its tab is gone
    const kept = await record('still open');
    releases.push(() => kept.release());
    const cut = recorder('cut short');
    await cut.start();
    await vi.waitFor(async () => expect((await store.chunks(cut.meta!.id)).size).toBeGreaterThan(0), { timeout: 10_000 });
    await wait(500);
    cut.dispose(); // as a closed tab: stop() never runs
    await cut.released;

    // Junk, as a broken or hostile page of this origin could leave it.
    const folder = await storeFolder();
    const garbage = await folder.getDirectoryHandle('rec-garbage', { create: true });
    await write(garbage, 'meta.json', '{"not":"a record"');
    const junkFinished = await store.create({ id: 'rec-junk-file', room: 'junk file', mimeType: 'video/webm', startedAt: 1e300 });
    await write(await folder.getDirectoryHandle(junkFinished.id), 'recording.webm', junk(4_096));
    await store.markFinished(junkFinished.id);
    const junkChunks = await store.create({ room: 'junk chunks', mimeType: 'video/webm' });
    await store.append(junkChunks.id, 0, junk(2_048));

    const { list, button, items, panel, shown } = await mounted('here');
    const earlier = list(RECORDING_PANEL.earlier);
    const interrupted = list(RECORDING_PANEL.interrupted);
    await vi.waitFor(() => expect(items(RECORDING_PANEL.earlier)).toHaveLength(2));
    await vi.waitFor(() => expect(items(RECORDING_PANEL.interrupted)).toHaveLength(2));
    expect(panel.textContent).not.toContain('still open');
    expect(panel.textContent).not.toContain('garbage');
    const line = (within: HTMLUListElement, text: string) =>
      [...within.children].find((item) => item.textContent.includes(text)) as HTMLLIElement;

    const leftLine = line(earlier, 'left-behind');
    await vi.waitFor(() => expect(leftLine.querySelector('.recording-length')!.textContent).toMatch(/^0:0\d$/));
    expect(leftLine.querySelector('.recording-size')!.textContent).toMatch(/kB|MB/);

    const junkLine = line(earlier, 'junk-file');
    await vi.waitFor(() => expect(junkLine.querySelector('.recording-length')!.textContent).toBe('length unknown'));
    expect(junkLine.querySelector('.recording-size')!.textContent).toBe('4 kB');
    expect(junkLine.querySelector('.recording-made')!.textContent).toBe('time unknown');
    expect(junkLine.querySelector('.recording-note')!.textContent).toContain('may be damaged');

    const junkChunksLine = line(interrupted, 'junk-chunks');
    await vi.waitFor(() => expect(junkChunksLine.querySelector('.recording-size')!.textContent).toBe('2 kB'));
    button('Recover', junkChunksLine)!.click();
    await vi.waitFor(() =>
      expect(junkChunksLine.querySelector('.recording-note')!.textContent).toBe(humanMessage(new RecordError('remux-failed', ''))),
    );
    expect(button('Recover', junkChunksLine)!.disabled).toBe(false);
    button('Delete', junkChunksLine)!.click();
    await vi.waitFor(() => expect(items(RECORDING_PANEL.interrupted)).toHaveLength(1));

    const cutLine = line(interrupted, 'cut-short');
    expect(cutLine.querySelector('.recording-length')!.textContent).toBe('length known once recovered');
    button('Recover', cutLine)!.click();
    await vi.waitFor(() => expect(items(RECORDING_PANEL.recordings)).toHaveLength(1), { timeout: 10_000 });
    expect(interrupted.children).toHaveLength(0);
    const recovered = items(RECORDING_PANEL.recordings)[0]!;
    expect(recovered.textContent).toContain('cut-short');
    await vi.waitFor(() => expect(recovered.querySelector('.recording-length')!.textContent).toMatch(/^0:0\d$/));
    const recoveredMeta = (await store.list()).find((meta) => meta.room === 'cut short')!;
    expect(recoveredMeta.finished).toBe(true);
    expect((await inspectRecording(await store.seekable(recoveredMeta.id))).seekable).toBe(true);

    // Download opens it: this page holds it from then on, until Delete or the panel goes.
    button('Download', leftLine)!.click();
    await vi.waitFor(async () => expect((await heldRecordingLocks()).has(store.lockName(left.meta.id))).toBe(true));
    button('Delete', junkLine)!.click();
    await vi.waitFor(() => expect(earlier.children).toHaveLength(1));
    expect((await store.list()).map((meta) => meta.room).sort()).toEqual(['cut short', 'left behind', 'still open']);
    // The panel goes: it lets go of what it opened and recovered; nothing is deleted.
    shown.unsubscribe();
    await vi.waitFor(async () => {
      const held = await heldRecordingLocks();
      expect(held.has(store.lockName(left.meta.id))).toBe(false);
      expect(held.has(store.lockName(recoveredMeta.id))).toBe(false);
    });
    expect(held(await heldRecordingLocks(), store.lockName(kept.meta.id))).toBe(true);
    expect((await store.list()).map((meta) => meta.room).sort()).toEqual(['cut short', 'left behind', 'still open']);
    // The unreadable folder is no recording: never listed, never deleted by the panel.
    expect(await folder.getDirectoryHandle('rec-garbage')).toBeDefined();
  }, 60_000);
});
