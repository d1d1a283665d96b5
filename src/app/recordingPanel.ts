/**
 * Record / Pause / Stop recording with a running timer and size; each finished recording
 * listed with an inline preview and Download; what a closed or crashed tab left (interrupted
 * recordings to recover, finished ones to download) offered, and what went wrong said here.
 */
import { Observable, Subscription } from 'rxjs';
import { downloadBlob } from '../record/downloadBlob.ts';
import type { FinishedRecording } from '../record/finishRecording.ts';
import type { RecordingMeta } from '../record/RecordingMeta.ts';
import type { RecordingStore } from '../record/RecordingStore.ts';
import { deleteRecording, listRecordings, openRecording, recoverRecording } from '../record/recoverRecording.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { button, element } from './dom.ts';
import { humanMessage } from './humanMessage.ts';
import type { RecordedView } from './recordedView.ts';
import { clockText, sizeText } from './recordingTime.ts';
import { roomRecording, type RoomRecording } from './roomRecording.ts';

export interface RecordingPanelOptions {
  /** The view to record (the stage, or the tile view: whichever is shown), once it exists. */
  readonly stage: () => RecordedView | undefined;
  readonly peers$: Observable<readonly MemberMedia[]>;
  /** This member's own stream, mixed in with the others'. */
  readonly self: MediaStream | null;
  readonly room: string;
  /** Where recordings go and are looked for. Default the Origin Private File System's `peerstage-recordings`. */
  readonly store?: RecordingStore;
  /**
   * Also told of each problem the panel says (it says them itself, in words, next to its
   * controls): e.g. to log them with their causes.
   */
  readonly onProblem?: (error: unknown) => void;
}

/** Names people (and tests) find the panel's parts by. */
export const RECORDING_PANEL = {
  problem: 'Recording problem',
  interrupted: 'Interrupted recordings',
  earlier: 'Recordings from earlier visits',
  recordings: 'Recordings',
} as const;

/**
 * Fills `panel` while subscribed. Finished recordings are kept (in the browser's private
 * storage) until the panel goes, i.e. until this member leaves: download them first. A
 * recording still running then is abandoned as a closed tab would: the next visit offers it.
 * What a closed tab left is offered until someone deletes it; another tab's recordings (still
 * recording, saving, or listed there as finished) are never offered here.
 *
 * @example
 * ```ts
 * recordingPanel(container, { stage: () => stage, peers$: room.peers$, self: stream, room: 'jam' }).subscribe();
 * ```
 */
export function recordingPanel(panel: HTMLElement, options: RecordingPanelOptions): Observable<never> {
  return new Observable<never>(() => {
    const owned = new Subscription();
    const store = options.store ? { store: options.store } : {};
    /** This session's recordings: deleted when the panel goes. */
    const finished: FinishedRecording[] = [];
    /** Recordings from earlier visits opened here: let go of (kept) when the panel goes. */
    const opened = new Map<string, FinishedRecording>();
    /** The line offering each left recording, by id. */
    const offered = new Map<string, HTMLElement>();
    let current: RoomRecording | undefined;
    /** The running recording's clock; it goes with the recording. */
    let progress: Subscription | undefined;
    let closed = false;

    const clock = element('span', { role: 'timer', 'aria-label': 'Recording time and size' }, '0:00 · 0 kB');
    const record = button('Record', () => void start());
    const pause = button('Pause', () => togglePause());
    const stop = button('Stop recording', () => void finish());
    // Text only: what goes in is humanMessage's sentence, set as textContent.
    const problem = element('p', { class: 'recording-problem', role: 'alert', 'aria-label': RECORDING_PANEL.problem });
    const list = element('ul', { class: 'recordings', 'aria-label': RECORDING_PANEL.recordings });
    const offers = element('ul', { class: 'recovery', 'aria-label': RECORDING_PANEL.interrupted });
    const earlier = element('ul', { class: 'recovery', 'aria-label': RECORDING_PANEL.earlier });
    const showControls = (recording: boolean) => {
      record.disabled = recording;
      pause.disabled = stop.disabled = !recording;
    };
    showControls(false);

    const say = (error: unknown) => {
      if (closed) return;
      problem.textContent = humanMessage(error);
      // The sentence is for the person; the error with its cause is for whoever debugs.
      console.warn('peerstage:', error, ...(error instanceof Error && error.cause !== undefined ? ['caused by', error.cause] : []));
      options.onProblem?.(error);
    };

    const start = async () => {
      const stage = options.stage();
      if (!stage || current) return;
      problem.textContent = '';
      try {
        current = roomRecording({ stage, peers$: options.peers$, self: options.self, recorder: { room: options.room, ...store } });
        const recorder = current.recorder;
        progress = recorder.progress$.subscribe(({ state, elapsedMs, bytes, error }) => {
          clock.textContent = `${clockText(elapsedMs)} · ${sizeText(bytes)}${state === 'paused' ? ' · paused' : ''}`;
          // A failure while recording (a full disk) is said now, not when Stop is pressed:
          // the recorder has stopped and kept what reached the disk, which is offered below.
          if (state === 'failed' && error && current?.recorder === recorder && recorder.state === 'failed') failed(error);
        });
        showControls(true);
        await current.recorder.start();
      } catch (error) {
        abandon();
        say(error);
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
        // The file could not be made (a full disk): the chunks stay, offered for recovery.
        if (current === running) failed(error);
      } finally {
        if (current === running) abandon();
      }
    };
    const failed = (error: unknown) => {
      abandon();
      say(error);
      void look();
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
      if (closed) {
        void recording.delete().catch(() => undefined);
        return;
      }
      finished.push(recording);
      const url = URL.createObjectURL(recording.file);
      owned.add(() => URL.revokeObjectURL(url));
      const preview = element('video', { controls: '', preload: 'metadata', src: url, 'aria-label': `Preview of ${recording.fileName}` });
      const download = button('Download', () => void downloadBlob(recording.file, recording.fileName).catch(say));
      list.append(element('li', {}, element('span', {}, recording.fileName), ' ', download, preview));
    };
    const describeRecording = (meta: RecordingMeta) => `${meta.room ?? 'a room'}, ${new Date(meta.startedAt).toLocaleString()}`;
    const offerInterrupted = (meta: RecordingMeta) => {
      const item = element('li', {}, `An interrupted recording (${describeRecording(meta)}) can be recovered. `);
      const recover = button('Recover', () => {
        recover.disabled = discard.disabled = true;
        recoverRecording(meta.id, store).then(
          (recording) => {
            withdraw(meta.id);
            add(recording);
          },
          (error: unknown) => {
            recover.disabled = discard.disabled = false;
            say(error);
          },
        );
      });
      const discard = button('Discard', () => {
        recover.disabled = discard.disabled = true;
        deleteRecording(meta.id, store).then(
          () => withdraw(meta.id),
          (error: unknown) => {
            recover.disabled = discard.disabled = false;
            say(error);
          },
        );
      });
      item.append(recover, ' ', discard);
      offered.set(meta.id, item);
      offers.append(item);
    };
    const offerFinished = (meta: RecordingMeta) => {
      const item = element('li', {}, `A recording from an earlier visit (${describeRecording(meta)}). `);
      // Opened on the first Download: from then on this tab has it, until Delete or leaving.
      const open = async () => opened.get(meta.id) ?? remember(await openRecording(meta.id, store));
      const remember = (recording: FinishedRecording) => {
        if (closed) void recording.release();
        else opened.set(meta.id, recording);
        return recording;
      };
      const download = button('Download', () => {
        open()
          .then((recording) => downloadBlob(recording.file, recording.fileName))
          .catch(say);
      });
      const remove = button('Delete', () => {
        download.disabled = remove.disabled = true;
        const mine = opened.get(meta.id);
        (mine ? mine.delete() : deleteRecording(meta.id, store)).then(
          () => {
            opened.delete(meta.id);
            withdraw(meta.id);
          },
          (error: unknown) => {
            download.disabled = remove.disabled = false;
            say(error);
          },
        );
      });
      item.append(download, ' ', remove);
      offered.set(meta.id, item);
      earlier.append(item);
    };
    const withdraw = (id: string) => {
      offered.get(id)?.remove();
      offered.delete(id);
    };
    /** Offers what no tab has now; a line whose recording is gone or taken meanwhile goes. */
    const look = async () => {
      try {
        const left = await listRecordings(store);
        if (closed) return;
        const ids = new Set(left.map((meta) => meta.id));
        for (const id of [...offered.keys()]) if (!ids.has(id) && !opened.has(id)) withdraw(id);
        for (const meta of left) {
          if (offered.has(meta.id)) continue;
          if (meta.finished) offerFinished(meta);
          else offerInterrupted(meta);
        }
      } catch (error) {
        say(error);
      }
    };

    panel.replaceChildren(
      element('h2', {}, 'Recording'),
      element('div', { class: 'recording' }, record, pause, stop, clock),
      problem,
      element(
        'p',
        { class: 'hint' },
        'Recordings are kept until you leave the room: download them first. If the tab closes first, your next visit offers them.',
      ),
      offers,
      earlier,
      list,
    );
    // Looked for before this session records anything; another tab's recordings, and this
    // one's own, are never offered (each is held by its tab), and Record waits for the answer.
    record.disabled = true;
    void look().finally(() => {
      if (!current) record.disabled = false;
    });

    return () => {
      closed = true;
      owned.unsubscribe();
      progress?.unsubscribe();
      // A recording still running stays recoverable, as after a closed tab.
      current?.release();
      for (const recording of finished) void recording.delete().catch(() => undefined);
      for (const recording of opened.values()) void recording.release();
      panel.replaceChildren();
    };
  });
}
