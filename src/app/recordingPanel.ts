/**
 * Record / Pause / Stop recording with a running timer and size; each finished recording
 * listed with an inline preview and Download; a recording that a closed or crashed tab
 * interrupted offered for recovery.
 */
import { Observable, Subscription } from 'rxjs';
import { downloadBlob } from '../record/downloadBlob.ts';
import type { FinishedRecording } from '../record/finishRecording.ts';
import type { RecordingMeta } from '../record/RecordingMeta.ts';
import { deleteRecording, listInterruptedRecordings, recoverRecording } from '../record/recoverRecording.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { Stage } from '../scene/Stage.ts';
import { button, element } from './dom.ts';
import { clockText, sizeText } from './recordingTime.ts';
import { roomRecording, type RoomRecording } from './roomRecording.ts';

export interface RecordingPanelOptions {
  /** The stage to record, once it exists. */
  readonly stage: () => Stage | undefined;
  readonly peers$: Observable<readonly MemberMedia[]>;
  /** This member's own stream, mixed in with the others'. */
  readonly self: MediaStream | null;
  readonly room: string;
  readonly onProblem: (error: unknown) => void;
}

/**
 * Fills `panel` while subscribed. Finished recordings are kept (in the browser's private
 * storage) until the panel goes, i.e. until this member leaves: download them first. A
 * recording still running then is abandoned as a closed tab would: the next visit offers it.
 *
 * @example
 * ```ts
 * recordingPanel(section, { stage: () => stage, peers$: room.peers$, self: camera, room: 'jam', onProblem: notify }).subscribe();
 * ```
 */
export function recordingPanel(panel: HTMLElement, options: RecordingPanelOptions): Observable<never> {
  return new Observable<never>(() => {
    const owned = new Subscription();
    const finished: FinishedRecording[] = [];
    let current: RoomRecording | undefined;
    /** The running recording's clock; it goes with the recording. */
    let progress: Subscription | undefined;

    const clock = element('span', { role: 'timer', 'aria-label': 'Recording time and size' }, '0:00 · 0 kB');
    const record = button('Record', () => void start());
    const pause = button('Pause', () => togglePause());
    const stop = button('Stop recording', () => void finish());
    const list = element('ul', { class: 'recordings', 'aria-label': 'Recordings' });
    const offers = element('ul', { class: 'recovery', 'aria-label': 'Interrupted recordings' });
    const showControls = (recording: boolean) => {
      record.disabled = recording;
      pause.disabled = stop.disabled = !recording;
    };
    showControls(false);

    const start = async () => {
      const stage = options.stage();
      if (!stage || current) return;
      try {
        current = roomRecording({ stage, peers$: options.peers$, self: options.self, recorder: { room: options.room } });
        progress = current.recorder.progress$.subscribe(({ state, elapsedMs, bytes }) => {
          clock.textContent = `${clockText(elapsedMs)} · ${sizeText(bytes)}${state === 'paused' ? ' · paused' : ''}`;
        });
        showControls(true);
        await current.recorder.start();
      } catch (error) {
        abandon();
        options.onProblem(error);
      }
    };
    const togglePause = () => {
      const recorder = current?.recorder;
      if (!recorder) return;
      if (recorder.state === 'paused') recorder.resume();
      else recorder.pause();
      pause.textContent = recorder.state === 'paused' ? 'Resume' : 'Pause';
    };
    const finish = async () => {
      const running = current;
      if (!running) return;
      stop.disabled = pause.disabled = true;
      clock.textContent += ' · saving…';
      try {
        add(await running.recorder.stop());
      } catch (error) {
        options.onProblem(error);
      } finally {
        abandon();
      }
    };
    const abandon = () => {
      progress?.unsubscribe();
      progress = undefined;
      current?.release();
      current = undefined;
      pause.textContent = 'Pause';
      showControls(false);
    };
    const add = (recording: FinishedRecording) => {
      finished.push(recording);
      const url = URL.createObjectURL(recording.file);
      owned.add(() => URL.revokeObjectURL(url));
      const preview = element('video', { controls: '', preload: 'metadata', src: url, 'aria-label': `Preview of ${recording.fileName}` });
      const download = button('Download', () => void downloadBlob(recording.file, recording.fileName).catch(options.onProblem));
      list.append(element('li', {}, element('span', {}, recording.fileName), ' ', download, preview));
    };
    const offer = (meta: RecordingMeta) => {
      const when = new Date(meta.startedAt).toLocaleString();
      const item = element('li', {}, `An interrupted recording (${meta.room ?? 'a room'}, ${when}) can be recovered. `);
      const recover = button('Recover', () => {
        recover.disabled = discard.disabled = true;
        recoverRecording(meta.id).then(
          (recording) => {
            item.remove();
            add(recording);
          },
          (error: unknown) => {
            recover.disabled = discard.disabled = false;
            options.onProblem(error);
          },
        );
      });
      const discard = button('Discard', () => {
        item.remove();
        deleteRecording(meta.id).catch(options.onProblem);
      });
      item.append(recover, ' ', discard);
      offers.append(item);
    };

    panel.replaceChildren(
      element('h2', {}, 'Recording'),
      element('div', { class: 'recording' }, record, pause, stop, clock),
      element('p', { class: 'hint' }, 'Recordings are kept until you leave the room: download them first.'),
      offers,
      list,
    );
    // Looked for before this session records anything, so that its own recording, unfinished
    // while it runs, is never offered: Record waits for the answer.
    record.disabled = true;
    listInterruptedRecordings()
      .then((metas) => metas.forEach(offer), options.onProblem)
      .finally(() => {
        if (!current) record.disabled = false;
      });

    return () => {
      owned.unsubscribe();
      progress?.unsubscribe();
      // A recording still running stays recoverable, as after a closed tab.
      current?.release();
      for (const recording of finished) void recording.delete().catch(() => undefined);
      panel.replaceChildren();
    };
  });
}
