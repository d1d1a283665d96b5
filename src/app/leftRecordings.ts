/**
 * What earlier visits left in this browser's storage: finished recordings (to download or
 * delete) and interrupted ones, cut short by a closed or crashed tab (to recover into a
 * seekable file, or delete). The store is shared by every tab of this origin and any of them
 * may have written junk: what cannot be read is said in words on its line, never thrown. A
 * recording another open tab holds (its Web Lock) is neither listed nor touched.
 */
import { downloadBlob } from '../record/downloadBlob.ts';
import type { FinishedRecording } from '../record/finishRecording.ts';
import { recordingFileName, sanitiseFileNamePart } from '../record/recordingFileName.ts';
import type { RecordingMeta } from '../record/RecordingMeta.ts';
import type { RecordingStore } from '../record/RecordingStore.ts';
import { deleteRecording, listRecordings, openRecording, recoverRecording } from '../record/recoverRecording.ts';
import { element } from './dom.ts';
import { humanMessage } from './humanMessage.ts';
import { iconButton } from './icons.ts';
import { readRecordingFacts } from './recordingFacts.ts';
import { type RecordingLine, recordingLine } from './recordingLine.ts';
import { type RecordingsContext, recordingsGroup } from './recordingsGroup.ts';

/** Names people (and tests) find these lists by. */
export const LEFT_RECORDINGS = {
  heading: 'Kept from earlier visits',
  interrupted: 'Interrupted recordings',
  earlier: 'Recordings from earlier visits',
} as const;

/** Lines listed at most: a store with thousands of recordings must not make thousands of lines. */
export const MAX_LEFT_LISTED = 50;

export interface LeftRecordings {
  readonly element: HTMLElement;
  /** Lists what no tab has now; lines whose recording is gone or taken meanwhile go. Rejects only when the store cannot be listed. */
  look(): Promise<void>;
  /** Lets go of the recordings opened here (they stay in storage). Idempotent. */
  dispose(): void;
}

/**
 * The lists of what earlier visits left in `store`; a recording recovered here goes to
 * `recovered` (this visit's list), with the name its line had.
 *
 * @example
 * ```ts
 * import { RecordingStore } from '../record/RecordingStore.ts';
 * import { recordingNames } from './recordingNames.ts';
 * const context = { names: recordingNames(), changed: () => undefined, problem: console.warn };
 * const left = leftRecordings(await RecordingStore.open(), context, (recording) => void recording.release());
 * await left.look();
 * ```
 */
export function leftRecordings(
  store: RecordingStore,
  context: RecordingsContext,
  recovered: (recording: FinishedRecording, name: string) => void,
): LeftRecordings {
  const options = { store };
  const interrupted = element('ul', { class: 'recordings-list', 'aria-label': LEFT_RECORDINGS.interrupted });
  const earlier = element('ul', { class: 'recordings-list', 'aria-label': LEFT_RECORDINGS.earlier });
  const more = element('p', { class: 'recordings-storage', hidden: '' });
  const group = recordingsGroup(LEFT_RECORDINGS.heading, interrupted, earlier);
  group.element.append(more);
  /** Each listed recording's line, by id. */
  const listed = new Map<string, RecordingLine>();
  /** Finished recordings opened here (on a first Download), held until Delete or dispose. */
  const opened = new Map<string, FinishedRecording>();
  let disposed = false;

  const withdraw = (id: string) => {
    listed.get(id)?.element.remove();
    listed.delete(id);
    group.update();
  };
  const failedOn = (line: RecordingLine) => (error: unknown) => {
    line.busy(false);
    line.note(humanMessage(error));
    context.problem(error);
  };
  const fileNameOf = (meta: RecordingMeta) => {
    const date = new Date(meta.startedAt);
    // A stored time no date can have would make a name of NaNs: the id names it instead.
    const name = Number.isNaN(date.getTime())
      ? `peerstage-${sanitiseFileNamePart(meta.id) || 'recording'}.webm`
      : recordingFileName({ ...(meta.room === undefined ? {} : { room: meta.room }), date });
    return context.names.take(name);
  };
  const removeButton = (meta: RecordingMeta, line: RecordingLine, name: string) =>
    iconButton(
      'Delete',
      'delete',
      () => {
        line.busy(true);
        line.note('Deleting…');
        const mine = opened.get(meta.id);
        (mine ? mine.delete() : deleteRecording(meta.id, options)).then(() => {
          opened.delete(meta.id);
          withdraw(meta.id);
          context.changed();
        }, failedOn(line));
      },
      { 'aria-label': `Delete ${name}` },
    );

  const offerInterrupted = (meta: RecordingMeta) => {
    const name = fileNameOf(meta);
    const line = recordingLine({ fileName: name, startedAt: meta.startedAt, room: meta.room, badge: 'Interrupted' });
    line.note('A tab closed while recording this. Recover makes it a seekable file you can download.');
    store.chunks(meta.id).then((chunks) => line.showSize(chunks.size, 'length known once recovered'), failedOn(line));
    const recover = iconButton(
      'Recover',
      'resume',
      () => {
        line.busy(true);
        line.note('Recovering…');
        recoverRecording(meta.id, options).then((recording) => {
          if (disposed) {
            void recording.release();
            return;
          }
          withdraw(meta.id);
          recovered(recording, name);
          context.changed();
        }, failedOn(line));
      },
      { 'aria-label': `Recover ${name}` },
    );
    line.actions(recover, removeButton(meta, line, name));
    listed.set(meta.id, line);
    interrupted.prepend(line.element);
  };

  const offerFinished = (meta: RecordingMeta) => {
    const name = fileNameOf(meta);
    const line = recordingLine({ fileName: name, startedAt: meta.startedAt, room: meta.room });
    // Read without the lock: only its size and Duration, and a tab that takes it meanwhile only
    // makes this read fail, which the line says.
    store
      .seekable(meta.id)
      .then(readRecordingFacts)
      .then((facts) => {
        line.showFacts(facts);
        if (facts.durationS === null) line.note('Its length cannot be read: the file may be damaged.');
      }, failedOn(line));
    const open = async () => opened.get(meta.id) ?? keep(await openRecording(meta.id, options));
    const keep = (recording: FinishedRecording) => {
      if (disposed) void recording.release();
      else opened.set(meta.id, recording);
      return recording;
    };
    const download = iconButton(
      'Download',
      'download',
      () => {
        line.note('');
        open()
          .then((recording) => downloadBlob(recording.file, name))
          .catch(failedOn(line));
      },
      { 'aria-label': `Download ${name}` },
    );
    line.actions(download, removeButton(meta, line, name));
    listed.set(meta.id, line);
    earlier.prepend(line.element);
  };

  return {
    element: group.element,
    async look() {
      const left = await listRecordings(options);
      if (disposed) return;
      const ids = new Set(left.map((meta) => meta.id));
      // A line whose recording went (deleted, or taken by another tab) goes, unless this page holds it.
      for (const id of [...listed.keys()]) if (!ids.has(id) && !opened.has(id)) withdraw(id);
      const shown = left.slice(-MAX_LEFT_LISTED);
      for (const meta of shown) {
        if (listed.has(meta.id)) continue;
        if (meta.finished) offerFinished(meta);
        else offerInterrupted(meta);
      }
      const hidden = left.length - shown.length;
      more.hidden = hidden === 0;
      more.textContent = hidden === 0 ? '' : `${hidden} older recordings are kept but not listed: delete some to see them.`;
      group.update();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const recording of opened.values()) void recording.release();
      opened.clear();
    },
  };
}
