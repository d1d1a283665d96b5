/**
 * Story 2's controls: record, then interrupt the recording the way a closed tab does (the
 * recorder is disposed, `stop()` never runs), look for interrupted recordings as the next
 * visit would, and recover one into a seekable file.
 */
import { BehaviorSubject, type Subscription } from 'rxjs';
import {
  deleteRecording,
  listInterruptedRecordings,
  recoverRecording,
  StageRecorder,
  type RecordingMeta,
  type StageRecorderOptions,
} from '../../src/index.ts';
import { describeError } from '../peer-basics/describeError.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { opfsFilesView } from './opfsFiles.ts';
import { clockText } from '../../src/app/recordingTime.ts';
import { recordingPlayback, type RecordingPlayback } from './recordingPlayback.ts';
import type { StoryRecordings } from './storyRecordings.ts';
import type { Studio } from './studio.ts';

/** Tenths: the story reads the clock against the file's duration. */
const TENTHS = { tenths: true } as const;

/** Names the play functions find things by. */
export const RECOVERY = {
  record: 'Record',
  interrupt: 'Interrupt (as a closed tab)',
  look: 'Look for interrupted recordings',
  list: 'Interrupted recordings',
  recover: 'Recover',
  remove: 'Delete',
  clock: 'Time recorded',
  interrupted: 'Interrupted recording',
  problem: 'Recovery problem',
} as const;

/**
 * The panel for interrupting and recovering recordings of `studio` in `recordings`'s store;
 * everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * root.append(recoveryPanel(studio, recorderSettings(args), storyRecordings('my-folder', lifetime), lifetime));
 * ```
 */
export function recoveryPanel(
  studio: BehaviorSubject<Studio | null>,
  settings: StageRecorderOptions,
  recordings: StoryRecordings,
  lifetime: Subscription,
): HTMLElement {
  const record = el('button', { type: 'button', textContent: RECOVERY.record, disabled: true });
  const interrupt = el('button', { type: 'button', textContent: RECOVERY.interrupt, disabled: true });
  const look = el('button', { type: 'button', textContent: RECOVERY.look });
  const clock = labelled(el('output', {}, clockText(0, TENTHS)), RECOVERY.clock);
  const interruptedId = labelled(el('output', {}, '–'), RECOVERY.interrupted);
  const list = labelled(el('ul'), RECOVERY.list);
  const problem = labelled(el('p', { role: 'alert' }), RECOVERY.problem);
  problem.style.color = '#b00020';
  const result = el('div');
  /** The recording whose files are shown: the one made here, then the one recovered. */
  const watched = new BehaviorSubject<string | null>(null);
  const files = opfsFilesView(recordings.folder, watched);
  lifetime.add(files.refresh$.subscribe());
  lifetime.add(() => watched.complete());

  let recorder: StageRecorder | undefined;
  let shown: RecordingPlayback | undefined;
  lifetime.add(() => shown?.unsubscribe());
  const fail = (error: unknown) => (problem.textContent = describeError(error));

  lifetime.add(studio.subscribe((ready) => (record.disabled = ready === null || recorder !== undefined)));
  record.onclick = () => {
    const current = studio.value;
    if (!current || recorder) return;
    record.disabled = true;
    problem.textContent = '';
    recordings.store
      .then(async (store) => {
        if (lifetime.closed) return;
        const made = recordings.own(
          new StageRecorder(current.stage.canvas, { ...settings, audio: current.mix, room: current.roomId, store }),
        );
        recorder = made;
        lifetime.add(made.progress$.subscribe(({ elapsedMs }) => (clock.textContent = clockText(elapsedMs, TENTHS))));
        const meta = await made.start();
        watched.next(meta.id);
        interrupt.disabled = false;
      })
      .catch(fail);
  };
  interrupt.onclick = () => {
    const made = recorder;
    if (!made?.meta) return;
    interrupt.disabled = true;
    // What a closed tab does: everything live ends, stop() never runs, the chunks stay on disk,
    // and the recording's Web Lock goes, so a listing (here, or in another tab) offers it.
    made.dispose();
    interruptedId.textContent = made.meta.id;
    recorder = undefined;
    record.disabled = studio.value === null;
    void made.released.then(lookForInterrupted);
  };
  look.onclick = () => void lookForInterrupted();

  async function lookForInterrupted(): Promise<void> {
    try {
      const store = await recordings.store;
      const left = await listInterruptedRecordings({ store });
      if (lifetime.closed) return;
      list.replaceChildren(...left.map((meta) => interruptedLine(meta)));
      if (left.length === 0) list.replaceChildren(el('li', {}, 'None: every recording in this folder was finished.'));
    } catch (error) {
      fail(error);
    }
  }

  function interruptedLine(meta: RecordingMeta): HTMLElement {
    const recover = el('button', { type: 'button', textContent: RECOVERY.recover });
    const remove = el('button', { type: 'button', textContent: RECOVERY.remove });
    const line = labelled(
      el(
        'li',
        {},
        el('code', {}, meta.id),
        ` · ${meta.room ?? 'no room'} · started ${new Date(meta.startedAt).toLocaleTimeString()} `,
        recover,
        ' ',
        remove,
      ),
      meta.id,
    );
    recover.onclick = () => {
      recover.disabled = remove.disabled = true;
      void recordings.store.then(async (store) => {
        const recovering = recoverRecording(meta.id, { store });
        // Recovered here, so this render deletes it at the end, whoever recorded it.
        recordings.adopt(meta.id, recovering);
        try {
          const recording = await recovering;
          if (lifetime.closed) return;
          shown?.unsubscribe();
          shown = recordingPlayback(recording);
          result.replaceChildren(shown.element);
          watched.next(meta.id);
          line.remove();
        } catch (error) {
          fail(error);
        }
      });
    };
    remove.onclick = () => {
      recover.disabled = remove.disabled = true;
      void recordings.store.then((store) => deleteRecording(meta.id, { store })).then(() => line.remove(), fail);
    };
    return line;
  }

  return el(
    'section',
    {},
    el('p', {}, record, ' ', interrupt, ' ', look),
    el('p', {}, 'Time recorded: ', clock, ' · interrupted: ', interruptedId),
    el('h3', {}, 'Files on OPFS'),
    files.element,
    el('h3', {}, RECOVERY.list),
    list,
    problem,
    result,
  );
}
