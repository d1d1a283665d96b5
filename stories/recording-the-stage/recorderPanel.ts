/**
 * Story 1's controls: Record, Pause / Resume and Stop recording for the stage and the room's
 * mix, the type it records in, a running clock and size from `progress$`, and the finished
 * file played back.
 */
import type { BehaviorSubject, Subscription } from 'rxjs';
import { StageRecorder, type RecordingProgress, type StageRecorderOptions } from '../../src/index.ts';
import { describeError } from '../peer-basics/describeError.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { clockText, sizeText } from '../../src/app/recordingTime.ts';
import { recordingPlayback, type RecordingPlayback } from './recordingPlayback.ts';
import type { StoryRecordings } from './storyRecordings.ts';
import type { Studio } from './studio.ts';

/** Tenths: the story reads the clock against the file's duration. */
const TENTHS = { tenths: true } as const;

/** Names the play functions find things by. */
export const RECORDER = {
  record: 'Record',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop recording',
  state: 'Recorder state',
  type: 'Recording type',
  clock: 'Time recorded',
  size: 'Size',
  problem: 'Recorder problem',
} as const;

/**
 * The panel for recording `studio` with `settings` into `recordings`; everything it starts
 * belongs to `lifetime`. A recorder records once: each Record makes a new one, and the
 * previous file is deleted.
 *
 * @example
 * ```ts
 * root.append(recorderPanel(studio, recorderSettings(args), storyRecordings('my-folder', lifetime), lifetime));
 * ```
 */
export function recorderPanel(
  studio: BehaviorSubject<Studio | null>,
  settings: StageRecorderOptions,
  recordings: StoryRecordings,
  lifetime: Subscription,
): HTMLElement {
  const button = (name: string) => el('button', { type: 'button', textContent: name, disabled: true });
  const record = button(RECORDER.record);
  const pause = button(RECORDER.pause);
  const stop = button(RECORDER.stop);
  const state = labelled(el('output', {}, 'idle'), RECORDER.state);
  // What the recorder chose: with the codec control on "best", it differs by browser.
  const type = labelled(el('output', {}, '–'), RECORDER.type);
  const clock = labelled(el('output', {}, clockText(0, TENTHS)), RECORDER.clock);
  const size = labelled(el('output', {}, sizeText(0)), RECORDER.size);
  const problem = labelled(el('p', { role: 'alert' }), RECORDER.problem);
  const result = el('div');
  problem.style.color = '#b00020';

  let recorder: StageRecorder | undefined;
  let progress: Subscription | undefined;
  let shown: RecordingPlayback | undefined;
  /** From Record until the take is saved or has failed: one take at a time. */
  let busy = false;
  const canRecord = () => (record.disabled = studio.value === null || busy);

  const show = ({ state: now, elapsedMs, bytes }: RecordingProgress) => {
    state.textContent = now;
    clock.textContent = clockText(elapsedMs, TENTHS);
    size.textContent = sizeText(bytes);
    const live = now === 'recording' || now === 'paused';
    pause.disabled = !live;
    pause.textContent = now === 'paused' ? RECORDER.resume : RECORDER.pause;
    stop.disabled = !live;
  };
  const fail = (error: unknown) => {
    problem.textContent = describeError(error);
    busy = false;
    canRecord();
  };

  record.onclick = () => {
    const current = studio.value;
    if (!current || busy) return;
    busy = true;
    canRecord();
    // The previous take goes: its playback now, its files when the story ends.
    shown?.unsubscribe();
    progress?.unsubscribe();
    recorder?.dispose();
    problem.textContent = '';
    recordings.store
      .then((store) => {
        if (lifetime.closed) return;
        const made = recordings.own(
          new StageRecorder(current.stage.canvas, { ...settings, audio: current.mix, room: current.roomId, store }),
        );
        recorder = made;
        type.textContent = made.mimeType;
        progress = made.progress$.subscribe(show);
        return made.start();
      })
      .catch(fail);
  };
  pause.onclick = () => (recorder?.state === 'paused' ? recorder.resume() : recorder?.pause());
  stop.onclick = () => {
    const made = recorder;
    if (!made) return;
    stop.disabled = pause.disabled = true;
    const stopped = made.stop();
    recordings.own(made, stopped);
    stopped.then((recording) => {
      if (made.disposed) return;
      shown = recordingPlayback(recording);
      result.replaceChildren(shown.element);
      busy = false;
      canRecord();
    }, fail);
  };

  lifetime.add(studio.subscribe(canRecord));
  lifetime.add(() => {
    shown?.unsubscribe();
    progress?.unsubscribe();
  });
  return el(
    'section',
    {},
    el('p', {}, record, ' ', pause, ' ', stop),
    el('p', {}, 'State: ', state, ' · type: ', type, ' · time: ', clock, ' · size: ', size),
    problem,
    result,
  );
}
