/**
 * Story 3's panel: the hub's own recording panel (src/app/recordingPanel.ts) on the studio's
 * stage, in a store folder of the story's own. Before it opens, the story can leave what a
 * closed tab leaves — an interrupted recording, and a junk file — so the panel has something
 * to list, recover and refuse.
 */
import { filter, from, switchMap, take, type BehaviorSubject, type Subscription } from 'rxjs';
import { StageRecorder } from '../../src/index.ts';
import type { RecordingStore } from '../../src/record/index.ts';
import { recordingPanel } from '../../src/app/recordingPanel.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { HUB_SCOPE_CLASS, hubStyle } from '../whole-hub/hubStyle.ts';
import type { StoryRecordings } from './storyRecordings.ts';
import type { Studio } from './studio.ts';

/** What the story leaves in the store before the panel opens, as closed tabs would. */
export type LeftBehind = 'nothing' | 'an interrupted recording' | 'an interrupted recording and a junk file';

export const LEFT_BEHIND_OPTIONS: readonly LeftBehind[] = [
  'nothing',
  'an interrupted recording',
  'an interrupted recording and a junk file',
];

/** Names the play function finds things by (the hub's own names). */
export const HUB_LIST = {
  panel: 'Recording',
  record: 'Record',
  stop: 'Stop recording',
  recordings: 'Recordings',
  interrupted: 'Interrupted recordings',
  earlier: 'Recordings from earlier visits',
  timer: 'Recording time and size',
} as const;

/** The room the junk file claims, to find its line by. */
export const JUNK_ROOM = 'junk';

/**
 * The hub's recording panel over `studio`, in `recordings`'s store, after leaving `leftBehind`
 * there; everything belongs to `lifetime`, and what the panel kept is deleted when it ends.
 *
 * @example
 * ```ts
 * root.append(hubListPanel(studio, storyRecordings('my-folder', 'all', lifetime), lifetime, 'an interrupted recording'));
 * ```
 */
export function hubListPanel(
  studio: BehaviorSubject<Studio | null>,
  recordings: StoryRecordings,
  lifetime: Subscription,
  leftBehind: LeftBehind,
): HTMLElement {
  const panel = labelled(el('section', { className: 'recording-panel' }), HUB_LIST.panel);
  const preparing = el('p', {}, leftBehind === 'nothing' ? '' : `Leaving ${leftBehind} in the store, as a closed tab would…`);
  const renderedAt = Date.now();
  const shown = studio
    .pipe(
      filter((ready): ready is Studio => ready !== null),
      take(1),
      switchMap((ready) =>
        from(recordings.store.then((store) => leave(store, ready, recordings, leftBehind).then(() => store))).pipe(
          switchMap((store) => {
            preparing.textContent = '';
            // As in the hub: the panel mixes the room's members and you itself. (The studio's mix
            // fed to it as "you" — a mix mixed again — recorded nothing in Firefox.)
            return recordingPanel(panel, { stage: () => ready.stage, peers$: ready.peers$, self: ready.self, room: ready.roomId, store });
          }),
        ),
      ),
    )
    .subscribe({ error: (error: unknown) => (preparing.textContent = String(error)) });
  lifetime.add(() => {
    // The panel lets go of its recordings (the hub keeps them); a story leaves no files behind.
    shown.unsubscribe();
    void recordings.store.then((store) => deleteMadeSince(store, renderedAt));
  });
  return el('div', { className: HUB_SCOPE_CLASS }, hubStyle(), preparing, panel);
}

async function leave(store: RecordingStore, studio: Studio, recordings: StoryRecordings, leftBehind: LeftBehind): Promise<void> {
  if (leftBehind === 'nothing') return;
  // An interrupted recording: recorded for a while, then disposed without stop(), as by a closed tab.
  const recorder = recordings.own(
    new StageRecorder(studio.stage.canvas, { audio: studio.mix, room: studio.roomId, store, timesliceMs: 500 }),
  );
  const { id } = await recorder.start();
  for (let tries = 0; tries < 100 && (await store.chunks(id)).size === 0; tries += 1) await wait(100);
  await wait(1_000);
  recorder.dispose();
  await recorder.released;
  if (leftBehind !== 'an interrupted recording and a junk file') return;
  // A junk file: a finished record whose "recording" is random bytes, as a broken page could leave.
  const junk = await store.create({ room: JUNK_ROOM, mimeType: 'video/webm' });
  recordings.adopt(junk.id);
  const writable = await (await store.seekableFile(junk.id)).createWritable();
  await writable.write(crypto.getRandomValues(new Uint8Array(3_000)));
  await writable.close();
  await store.markFinished(junk.id);
}

/** Deletes what was made since `since`: the panel's recordings, and what `leave` left. */
async function deleteMadeSince(store: RecordingStore, since: number): Promise<void> {
  // The panel's release of its recordings' locks is under way: deleting needs no lock, but give it a moment.
  await wait(200);
  for (const meta of await store.list().catch(() => [])) {
    if (meta.startedAt >= since) await store.delete(meta.id).catch(() => undefined);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
