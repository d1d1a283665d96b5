/**
 * The hub's recording panel in real Chromium, on a real stage: a full disk (the origin's quota
 * squeezed through DevTools, so OPFS refuses with a real QuotaExceededError) is said in the
 * panel while recording, as text; what was recorded is offered for recovery; what a closed tab
 * left finished is offered to download or delete; room names from links stay text.
 */
import { of, type Subscription } from 'rxjs';
import { cdp } from 'vitest/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordError } from '../record/RecordError.ts';
import { StageRecorder } from '../record/StageRecorder.ts';
import { Stage } from '../scene/Stage.ts';
import { recordingKit } from '../testing/recordingKit.ts';
import { humanMessage } from './humanMessage.ts';
import { RECORDING_PANEL, recordingPanel } from './recordingPanel.ts';

const releases: (() => unknown)[] = [];
afterEach(async () => {
  await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin });
  for (const release of releases.splice(0).reverse()) await release();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mounted(room: string) {
  const kit = recordingKit();
  releases.push(() => kit.cleanup());
  const store = await kit.store();
  const stage = new Stage({ width: 320, height: 180, pixelRatio: 1 });
  releases.push(() => stage.dispose());
  const panel = document.createElement('section');
  document.body.append(panel);
  releases.push(() => panel.remove());
  const shown: Subscription = recordingPanel(panel, { stage: () => stage, peers$: of([]), self: null, room, store }).subscribe();
  releases.push(() => shown.unsubscribe());
  const list = (name: string) => panel.querySelector<HTMLUListElement>(`ul[aria-label="${name}"]`)!;
  const button = (name: string, within: ParentNode = panel) =>
    [...within.querySelectorAll('button')].find((element) => element.textContent === name);
  await vi.waitFor(() => expect(button('Record')?.disabled).toBe(false));
  return { store, panel, list, button };
}

describe('recordingPanel', () => {
  it('says a full disk at once, as text, stops, and offers what was recorded for recovery once there is room', async () => {
    const room = '<b>full</b> disk';
    const { store, panel, list, button } = await mounted(room);
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
    expect(button('Stop recording')!.disabled).toBe(true);

    const offers = list(RECORDING_PANEL.interrupted);
    await vi.waitFor(() => expect(offers.children).toHaveLength(1));
    expect(offers.textContent).toContain(room);
    expect(offers.querySelector('b')).toBeNull();

    await cdp().send('Storage.overrideQuotaForOrigin', { origin: location.origin });
    button('Recover', offers)!.click();
    const recordings = list(RECORDING_PANEL.recordings);
    await vi.waitFor(() => expect(button('Download', recordings)).toBeDefined(), { timeout: 10_000 });
    expect(offers.children).toHaveLength(0);
  }, 30_000);

  it('offers a finished recording a closed tab left (Download, Delete), and not one another tab still has', async () => {
    const kit = recordingKit();
    releases.push(() => kit.cleanup());
    const store = await kit.store();
    const { canvas } = kit.movingCanvas({ width: 160, height: 120 });
    const record = async (room: string) => {
      const recorder = new StageRecorder(canvas, { store, room, timesliceMs: 200 });
      await recorder.start();
      await wait(500);
      const recording = await recorder.stop();
      recorder.dispose();
      return recording;
    };
    const left = await record('left behind');
    await left.release(); // its tab is gone
    const kept = await record('still open');
    releases.push(() => kept.release());

    const { list, button } = await mounted('here');
    const earlier = list(RECORDING_PANEL.earlier);
    await vi.waitFor(() => expect(earlier.children).toHaveLength(1));
    expect(earlier.textContent).toContain('left behind');
    expect(earlier.textContent).not.toContain('still open');
    expect(list(RECORDING_PANEL.interrupted).children).toHaveLength(0);

    button('Delete', earlier)!.click();
    await vi.waitFor(() => expect(earlier.children).toHaveLength(0));
    expect((await store.list()).map((meta) => meta.room)).toEqual(['still open']);
  }, 30_000);
});
