/**
 * Which tab has a recording: a Web Lock per recording, held by the tab that records it, saves
 * it or keeps it finished. Tabs of one origin share one Origin Private File System, and a lock
 * is the one signal they share that also ends by itself when a tab closes or crashes.
 */
import { RecordError } from './RecordError.ts';

/** A recording this page has, until `release()` (or until the page goes). */
export interface RecordingLock {
  /** The Web Lock's name (see `RecordingStore.lockName`). */
  readonly name: string;
  /** True until `release()`. */
  readonly held: boolean;
  /**
   * Lets go of it; resolves once the lock is free, so a listing made after it (in any tab)
   * sees it free. Idempotent.
   */
  release(): Promise<void>;
}

function lockManager(): LockManager {
  if (typeof navigator === 'undefined' || typeof navigator.locks?.request !== 'function') {
    throw new RecordError('unsupported', 'This browser has no Web Locks: recordings cannot be shared safely between tabs');
  }
  return navigator.locks;
}

/**
 * Takes the lock `name` at once, or throws a {@link RecordError} `'in-use'` when someone (another
 * tab, or this page) holds it; `'unsupported'` without Web Locks. Never waits for a holder to let
 * go: a tab that records for an hour would keep the caller waiting that long.
 *
 * @example
 * ```ts
 * const lock = await holdRecordingLock(store.lockName(meta.id));
 * try {
 *   await store.delete(meta.id);
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function holdRecordingLock(name: string): Promise<RecordingLock> {
  const locks = lockManager();
  let letGo!: () => void;
  const letGoSignal = new Promise<void>((resolve) => (letGo = resolve));
  let answer!: (granted: boolean) => void;
  const answered = new Promise<boolean>((resolve) => (answer = resolve));
  // Settles once the lock is free again (or was never granted).
  const done = locks.request(name, { mode: 'exclusive', ifAvailable: true }, async (lock) => {
    answer(lock !== null);
    // The lock is held for as long as this callback's promise is pending.
    if (lock !== null) await letGoSignal;
  });
  const granted = await Promise.race([
    answered,
    done.then(
      () => false,
      (cause: unknown) => {
        throw new RecordError('unsupported', `Web Locks refused the lock ${name}`, { cause });
      },
    ),
  ]);
  if (!granted) throw new RecordError('in-use', `Another tab has recording ${name}`);
  let held = true;
  const freed = done.then(
    () => undefined,
    () => undefined,
  );
  return {
    name,
    get held() {
      return held;
    },
    release() {
      held = false;
      letGo();
      return freed;
    },
  };
}

/**
 * The lock names held right now by any tab of this origin.
 *
 * @example
 * ```ts
 * const held = await heldRecordingLocks();
 * const free = (await store.list()).filter((meta) => !held.has(store.lockName(meta.id)));
 * ```
 */
export async function heldRecordingLocks(): Promise<ReadonlySet<string>> {
  const snapshot = await lockManager().query();
  return new Set((snapshot.held ?? []).flatMap((lock) => (lock.name === undefined ? [] : [lock.name])));
}
