/**
 * The recordings a story makes, kept in a store folder of the story's own in the Origin
 * Private File System and removed when the render ends: a story must leave no files behind.
 */
import type { Subscription } from 'rxjs';
import { listRecordings, RecordError, type FinishedRecording, type StageRecorder } from '../../src/index.ts';
import { RecordingStore } from '../../src/record/index.ts';

export interface StoryRecordings {
  /** The story's store: what its recorders write to and its recovery lists. */
  readonly store: Promise<RecordingStore>;
  /** The folder's name under the origin's root. */
  readonly folder: string;
  /**
   * Makes `recorder` the render's: at the end it is disposed and what it stored deleted, once
   * `busy` (a `stop()` or a recovery in flight) has settled.
   */
  own(recorder: StageRecorder, busy?: Promise<unknown>): StageRecorder;
  /** Makes recording `id` the render's (e.g. one it recovered), to delete at the end after `busy`. */
  adopt(id: string, busy?: Promise<unknown>): void;
}

/** Tries to delete again: a file that is still being written to is locked for a moment. */
const DELETE_TRIES = 5;
const DELETE_RETRY_MS = 300;

/**
 * What to remove, when a story opens its folder, of what earlier visits left: a tab closed on a
 * story never ran its teardown. `'all'`, or `'finished'` only, keeping interrupted recordings
 * for the recovery story to offer.
 */
export type LeftoverSweep = 'all' | 'finished';

/**
 * A store in `folder`, whose recordings (those of recorders passed to `own`, and those
 * adopted) are deleted when `lifetime` ends; the folder itself goes too once empty. What earlier
 * visits left is swept as `sweep` says; only recordings started before this page loaded are
 * touched, so two renders of one story (a docs page) never delete each other's.
 *
 * @example
 * ```ts
 * const recordings = storyRecordings('peerstage-story-recording', 'all', lifetime);
 * const recorder = recordings.own(new StageRecorder(canvas, { store: await recordings.store }));
 * ```
 */
export function storyRecordings(folder: string, sweep: LeftoverSweep, lifetime: Subscription): StoryRecordings {
  const store = RecordingStore.open({ folder }).then(async (opened) => {
    const pageLoadedAt = performance.timeOrigin;
    // Only what no tab has: another tab showing this story may be recording into the folder.
    for (const meta of await listRecordings({ store: opened })) {
      if (meta.startedAt < pageLoadedAt && (sweep === 'all' || meta.finished)) await opened.delete(meta.id).catch(() => undefined);
    }
    return opened;
  });
  const recorders = new Set<StageRecorder>();
  const adopted = new Set<string>();
  const work: Promise<unknown>[] = [];
  lifetime.add(() => {
    for (const recorder of recorders) recorder.dispose();
    // `meta` is set before a recording starts: even one disposed while starting is found.
    const ids = new Set([...adopted, ...[...recorders].flatMap((recorder) => (recorder.meta ? [recorder.meta.id] : []))]);
    void cleanUp(store, folder, [...ids], work);
  });
  return {
    store,
    folder,
    own(recorder, busy) {
      recorders.add(recorder);
      if (busy) work.push(busy);
      return recorder;
    },
    adopt(id, busy) {
      adopted.add(id);
      if (busy) work.push(busy);
    },
  };
}

async function cleanUp(
  opened: Promise<RecordingStore>,
  folder: string,
  ids: readonly string[],
  work: readonly Promise<unknown>[],
): Promise<void> {
  // A finished recording holds its Web Lock until it lets go: let go, then delete by id.
  for (const settled of await Promise.allSettled(work)) {
    if (settled.status === 'fulfilled' && isFinishedRecording(settled.value)) await settled.value.release();
  }
  const store = await opened.catch(() => null);
  if (!store) return;
  for (const id of ids) await deleteWithRetry(store, id);
  // Not recursive: a folder that still holds another visit's recording stays.
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(folder).catch(() => undefined);
}

async function deleteWithRetry(store: RecordingStore, id: string): Promise<void> {
  for (let attempt = 1; attempt <= DELETE_TRIES; attempt += 1) {
    try {
      await store.delete(id);
      return;
    } catch (error) {
      // Already gone (the story deleted it itself) is what we wanted.
      if (error instanceof RecordError && error.reason === 'not-found') return;
      if (attempt === DELETE_TRIES) console.warn(`story teardown: could not delete recording ${id}`, error);
      await new Promise((resolve) => setTimeout(resolve, DELETE_RETRY_MS));
    }
  }
}

function isFinishedRecording(value: unknown): value is FinishedRecording {
  return typeof value === 'object' && value !== null && 'release' in value && typeof value.release === 'function';
}
