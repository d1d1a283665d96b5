/**
 * The recordings this visit has: made here, or recovered here from what a closed tab left.
 * Each with its size, length, when it was made, Watch (played in the page), Download and
 * Delete. This page holds each one (its Web Lock) until it is deleted or the list goes; then it
 * stays in storage, and the next visit (or another tab) lists it among those left behind.
 */
import { downloadBlob } from '../record/downloadBlob.ts';
import type { FinishedRecording } from '../record/finishRecording.ts';
import { element } from './dom.ts';
import { humanMessage } from './humanMessage.ts';
import { iconButton } from './icons.ts';
import { readRecordingFacts } from './recordingFacts.ts';
import { recordingLine } from './recordingLine.ts';
import { recordingPreview } from './recordingPreview.ts';
import { type RecordingsContext, recordingsGroup } from './recordingsGroup.ts';

/** Names people (and tests) find this list by. */
export const VISIT_RECORDINGS = { list: 'Recordings', heading: 'This visit' } as const;

export interface VisitRecordingOptions {
  /** What to say of it at first (e.g. "Recovered"). */
  readonly note?: string;
  /** The file name it already goes by (one from the context's names); default a new one. */
  readonly name?: string;
}

export interface VisitRecordings {
  readonly element: HTMLElement;
  /** Lists `recording`, newest first. */
  add(recording: FinishedRecording, options?: VisitRecordingOptions): void;
  /** Lets go of every recording listed: they stay in storage. Idempotent. */
  dispose(): void;
}

/**
 * This visit's list of recordings.
 *
 * @example
 * ```ts
 * import { recordingNames } from './recordingNames.ts';
 * const visit = visitRecordings({ names: recordingNames(), changed: () => undefined, problem: console.warn });
 * visit.add(await recorder.stop());
 * ```
 */
export function visitRecordings(context: RecordingsContext): VisitRecordings {
  const list = element('ul', { class: 'recordings-list', 'aria-label': VISIT_RECORDINGS.list });
  const group = recordingsGroup(VISIT_RECORDINGS.heading, list);
  /** Each recording this page holds, and how to let go of its preview. */
  const held = new Map<FinishedRecording, () => void>();
  let disposed = false;

  const add = (recording: FinishedRecording, { note = '', name = context.names.take(recording.fileName) }: VisitRecordingOptions = {}) => {
    if (disposed) {
      void recording.release();
      return;
    }
    const preview = recordingPreview(recording.file, name);
    held.set(recording, preview.dispose);
    const line = recordingLine({ fileName: name, startedAt: recording.meta.startedAt, room: recording.meta.room });
    line.note(note);
    const said = (error: unknown) => {
      line.note(humanMessage(error));
      context.problem(error);
    };
    readRecordingFacts(recording.file).then((facts) => {
      line.showFacts(facts);
      if (facts.durationS === null) line.note('Its length cannot be read: the file may be damaged.');
    }, said);
    const download = iconButton('Download', 'download', () => void downloadBlob(recording.file, name).catch(said), {
      'aria-label': `Download ${name}`,
    });
    const remove = iconButton(
      'Delete',
      'delete',
      () => {
        line.busy(true);
        line.note('Deleting…');
        recording.delete().then(
          () => {
            preview.dispose();
            held.delete(recording);
            line.element.remove();
            group.update();
            context.changed();
          },
          (error: unknown) => {
            line.busy(false);
            said(error);
          },
        );
      },
      { 'aria-label': `Delete ${name}` },
    );
    line.actions(preview.toggle, download, remove);
    line.element.append(preview.video);
    list.prepend(line.element);
    group.update();
  };

  return {
    element: group.element,
    add,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const [recording, disposePreview] of held) {
        disposePreview();
        void recording.release();
      }
      held.clear();
    },
  };
}
