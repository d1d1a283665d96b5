/**
 * Record / Pause / Stop recording, with a red dot and a running timer and size while it
 * records; this visit's recordings listed with size, length, when made, Download and Delete;
 * what earlier visits left (finished recordings, and interrupted ones to recover) listed the
 * same way; what went wrong said here, in words.
 */
import { Observable, type Subscription } from 'rxjs';
import type { FinishedRecording } from '../record/finishRecording.ts';
import { RecordingStore } from '../record/RecordingStore.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { element } from './dom.ts';
import { humanMessage } from './humanMessage.ts';
import { iconButton, setIcon } from './icons.ts';
import { LEFT_RECORDINGS, leftRecordings, type LeftRecordings } from './leftRecordings.ts';
import type { RecordedView } from './recordedView.ts';
import { recordingNames } from './recordingNames.ts';
import type { RecordingsContext } from './recordingsGroup.ts';
import { clockText, sizeText } from './recordingTime.ts';
import { roomRecording, type RoomRecording } from './roomRecording.ts';
import { storageUsageText } from './storageUsage.ts';
import { VISIT_RECORDINGS, visitRecordings } from './visitRecordings.ts';

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
   * controls or on the recording's line): e.g. to log them with their causes.
   */
  readonly onProblem?: (error: unknown) => void;
}

/** Names people (and tests) find the panel's parts by. */
export const RECORDING_PANEL = {
  problem: 'Recording problem',
  timer: 'Recording time and size',
  interrupted: LEFT_RECORDINGS.interrupted,
  earlier: LEFT_RECORDINGS.earlier,
  recordings: VISIT_RECORDINGS.list,
} as const;

/**
 * What the panel says of how long recordings last. True of the code: nothing deletes a
 * recording but its Delete button; leaving lets go of them, closing the tab too (a recording
 * still running is then kept as interrupted); OPFS is best-effort storage, which the browser
 * may clear under disk pressure or when site data is cleared.
 */
export const RECORDINGS_KEPT =
  'Recordings stay in this browser until you delete them, also after you leave or close the tab. ' +
  'The browser may still clear them when the disk runs low: download the ones you want to keep.';

/** Where the controls are: a discriminated state, shown by which buttons are there and by the dot. */
type ControlsState = 'idle' | 'recording' | 'paused' | 'saving';

/**
 * Fills `panel` while subscribed. Recordings are kept in the browser's private storage until
 * deleted (see {@link RECORDINGS_KEPT}); while subscribed, this page holds this visit's, so
 * other tabs neither list nor touch them. When the panel goes it lets go of them, and a
 * recording still running is abandoned as a closed tab would: the next visit offers it.
 *
 * @example
 * ```ts
 * recordingPanel(container, { stage: () => stage, peers$: room.peers$, self: stream, room: 'jam' }).subscribe();
 * ```
 */
export function recordingPanel(panel: HTMLElement, options: RecordingPanelOptions): Observable<never> {
  return new Observable<never>(() => {
    const recorderStore = options.store ? { store: options.store } : {};
    let current: RoomRecording | undefined;
    /** The running recording's clock; it goes with the recording. */
    let progress: Subscription | undefined;
    let closed = false;

    const record = iconButton('Record', 'record', () => void start());
    const pause = iconButton('Pause', 'pause', () => togglePause());
    const stop = iconButton('Stop recording', 'stop', () => void finish());
    const clock = element('span', { role: 'timer', 'aria-label': RECORDING_PANEL.timer }, '0:00 · 0 kB');
    const state = element(
      'span',
      { class: 'recording-state', hidden: '' },
      element('span', { class: 'recording-dot', 'aria-hidden': 'true' }),
      clock,
    );
    // Text only: what goes in is humanMessage's sentence, set as textContent.
    const problem = element('p', { class: 'recording-problem', role: 'alert', 'aria-label': RECORDING_PANEL.problem });
    const usage = element('span', { class: 'recordings-storage' });

    const log = (error: unknown) => {
      // The sentence is for the person; the error with its cause is for whoever debugs.
      console.warn('peerstage:', error, ...(error instanceof Error && error.cause !== undefined ? ['caused by', error.cause] : []));
      options.onProblem?.(error);
    };
    const say = (error: unknown) => {
      if (closed) return;
      problem.textContent = humanMessage(error);
      log(error);
    };
    const showUsage = () =>
      void storageUsageText().then((text) => {
        if (!closed) usage.textContent = text ? ` ${text}` : '';
      });
    const context: RecordingsContext = { names: recordingNames(), changed: showUsage, problem: log };
    const visit = visitRecordings(context);
    let left: LeftRecordings | undefined;
    const look = async () => {
      try {
        await left?.look();
      } catch (error) {
        say(error);
      }
    };

    const show = (next: ControlsState) => {
      const active = next !== 'idle';
      // A button that goes away hands the keyboard focus on, not to the page's start.
      const focused = document.activeElement;
      record.hidden = active;
      pause.hidden = stop.hidden = !active;
      pause.disabled = stop.disabled = next === 'saving';
      state.hidden = !active;
      state.classList.toggle('is-recording', next === 'recording');
      state.classList.toggle('is-paused', next === 'paused');
      const paused = next === 'paused';
      pause.replaceChildren(paused ? 'Resume' : 'Pause');
      setIcon(pause, paused ? 'resume' : 'pause');
      if (focused === record && active) stop.focus();
      else if ((focused === stop || focused === pause) && !active) record.focus();
    };
    show('idle');

    const start = async () => {
      const stage = options.stage();
      if (!stage || current) return;
      problem.textContent = '';
      try {
        current = roomRecording({ stage, peers$: options.peers$, self: options.self, recorder: { room: options.room, ...recorderStore } });
        const recorder = current.recorder;
        progress = recorder.progress$.subscribe(({ state: now, elapsedMs, bytes, error }) => {
          clock.textContent = `${clockText(elapsedMs)} · ${sizeText(bytes)}${now === 'paused' ? ' · paused' : ''}${now === 'saving' ? ' · saving…' : ''}`;
          // A failure while recording (a full disk) is said now, not when Stop is pressed:
          // the recorder has stopped and kept what reached the disk, which is offered below.
          if (now === 'failed' && error && current?.recorder === recorder && recorder.state === 'failed') failed(error);
        });
        show('recording');
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
      show(recorder.state === 'paused' ? 'paused' : 'recording');
    };
    const finish = async () => {
      const running = current;
      if (!running) return;
      show('saving');
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
      const released = current?.recorder.released ?? Promise.resolve();
      abandon();
      say(error);
      // Once the recorder let go of it, what it kept is offered as interrupted.
      void released.then(look);
    };
    const abandon = () => {
      progress?.unsubscribe();
      progress = undefined;
      current?.release();
      current = undefined;
      show('idle');
    };
    const add = (recording: FinishedRecording) => {
      visit.add(recording);
      showUsage();
    };

    panel.replaceChildren(
      element('h2', {}, 'Recording'),
      element('div', { class: 'recording recording-controls' }, record, state, pause, stop),
      problem,
      element('p', { class: 'hint' }, RECORDINGS_KEPT, usage),
      visit.element,
    );
    // What earlier visits left is looked for before this visit records anything, and Record
    // waits for the answer: this page's own recordings are never offered as left behind.
    record.disabled = true;
    const storeReady = options.store ? Promise.resolve(options.store) : RecordingStore.open();
    void storeReady
      .then((store) => {
        if (closed) return;
        left = leftRecordings(store, context, (recording, name) => {
          visit.add(recording, { name, note: 'Recovered: a seekable file now.' });
        });
        panel.append(left.element);
        return look();
      }, say)
      .finally(() => {
        record.disabled = false;
        showUsage();
      });

    return () => {
      closed = true;
      progress?.unsubscribe();
      // A recording still running stays recoverable, as after a closed tab.
      current?.release();
      // Nothing is deleted: this visit's recordings stay, for the next visit to list.
      visit.dispose();
      left?.dispose();
      panel.replaceChildren();
    };
  });
}
