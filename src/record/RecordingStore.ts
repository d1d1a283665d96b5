/**
 * Recordings kept in the Origin Private File System while they are made: a folder per
 * recording with its chunks, its metadata record and, once made, the seekable file.
 */
import { RecordError } from './RecordError.ts';
import { RecordingFolder } from './RecordingFolder.ts';
import { newRecordingId, RECORDING_META_VERSION, type RecordingMeta } from './RecordingMeta.ts';
import { storageStep } from './storageStep.ts';

/** The store's folder under the origin's root. */
export const DEFAULT_RECORDINGS_FOLDER = 'peerstage-recordings';

/** What every recording's Web Lock name starts with (see {@link RecordingStore.lockName}). */
export const RECORDING_LOCK_PREFIX = 'peerstage-recording:';

export interface OpenRecordingStoreOptions {
  /** Folder name under the root. Default {@link DEFAULT_RECORDINGS_FOLDER}. */
  readonly folder?: string;
  /** The root to keep it under. Default `navigator.storage.getDirectory()`. */
  readonly root?: FileSystemDirectoryHandle;
}

export interface NewRecording {
  /** Default a new one (`newRecordingId`). A recorder picks it first, to lock it before the record exists. */
  readonly id?: string;
  readonly room?: string;
  readonly name?: string;
  readonly mimeType: string;
  /** Default now. */
  readonly startedAt?: number;
}

/**
 * A folder per recording (RecordingFolder.ts): each chunk is its own file, written and closed
 * as it comes, so a crash loses at most the chunk being written.
 *
 * The store is files only: it does not know which tab has a recording. Several tabs of one
 * origin share it; `listRecordings`, `recoverRecording`, `openRecording` and `deleteRecording`
 * honour each recording's Web Lock ({@link RecordingStore.lockName}), its methods do not.
 * A full disk is a {@link RecordError} `'storage-full'`, any other refusal `'storage'`.
 *
 * @example
 * ```ts
 * const store = await RecordingStore.open();
 * for (const meta of await store.interrupted()) console.log('left over:', meta.id, new Date(meta.startedAt));
 * ```
 */
export class RecordingStore {
  readonly #folder: FileSystemDirectoryHandle;

  private constructor(folder: FileSystemDirectoryHandle) {
    this.#folder = folder;
  }

  /**
   * Opens (and makes, the first time) the store. Throws a {@link RecordError}: `'unsupported'`
   * without an Origin Private File System, `'storage'` when it refuses.
   *
   * @example
   * ```ts
   * const store = await RecordingStore.open({ folder: 'my-takes' });
   * ```
   */
  static async open(options: OpenRecordingStoreOptions = {}): Promise<RecordingStore> {
    let root = options.root;
    if (!root) {
      if (typeof navigator === 'undefined' || typeof navigator.storage?.getDirectory !== 'function') {
        throw new RecordError('unsupported', 'This browser has no Origin Private File System');
      }
      root = await storageStep('open the origin private file system', () => navigator.storage.getDirectory());
    }
    const base = root;
    const folder = await storageStep('open the recordings folder', () =>
      base.getDirectoryHandle(options.folder ?? DEFAULT_RECORDINGS_FOLDER, { create: true }),
    );
    return new RecordingStore(folder);
  }

  /**
   * Makes a folder and an unfinished metadata record for a new recording.
   *
   * @example
   * ```ts
   * const meta = await store.create({ room: 'jam', mimeType: 'video/webm;codecs=vp9,opus' });
   * ```
   */
  async create(recording: NewRecording): Promise<RecordingMeta> {
    const startedAt = recording.startedAt ?? Date.now();
    const meta: RecordingMeta = {
      version: RECORDING_META_VERSION,
      id: recording.id ?? newRecordingId(startedAt),
      ...(recording.room === undefined ? {} : { room: recording.room }),
      ...(recording.name === undefined ? {} : { name: recording.name }),
      startedAt,
      mimeType: recording.mimeType,
      finished: false,
    };
    const folder = await storageStep('make a recording folder', () => this.#folder.getDirectoryHandle(meta.id, { create: true }));
    await new RecordingFolder(folder, meta.id).writeMeta(meta);
    return meta;
  }

  /**
   * Stores chunk number `index` (from 0) of recording `id`.
   *
   * @example
   * ```ts
   * declare const mediaRecorder: MediaRecorder;
   * let index = 0;
   * mediaRecorder.ondataavailable = (event) => void store.append(meta.id, index++, event.data);
   * ```
   */
  async append(id: string, index: number, chunk: Blob): Promise<void> {
    await (await this.#recording(id)).append(index, chunk);
  }

  /**
   * Sets the finished marker: every chunk of `id` is stored.
   *
   * @example
   * ```ts
   * await store.markFinished(meta.id);
   * ```
   */
  async markFinished(id: string): Promise<RecordingMeta> {
    const recording = await this.#recording(id);
    const finished: RecordingMeta = { ...(await recording.meta()), finished: true };
    await recording.writeMeta(finished);
    return finished;
  }

  /**
   * The metadata record of `id`; a {@link RecordError} `'not-found'` when there is none.
   *
   * @example
   * ```ts
   * const { room, startedAt } = await store.meta('rec-1764000000000-3f9a1c2e');
   * ```
   */
  async meta(id: string): Promise<RecordingMeta> {
    return (await this.#recording(id)).meta();
  }

  /**
   * Every stored recording with a readable metadata record, oldest first, whichever tab has it.
   *
   * @example
   * ```ts
   * const all = await store.list();
   * ```
   */
  async list(): Promise<RecordingMeta[]> {
    const metas: RecordingMeta[] = [];
    for await (const [name, handle] of this.#folder.entries()) {
      if (handle.kind !== 'directory') continue;
      // A folder whose record never got written is not a recording anyone can name.
      const meta = await this.meta(name).catch(() => null);
      if (meta) metas.push(meta);
    }
    return metas.sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Recordings without the finished marker: left by a closed or crashed tab, or still being
   * made by one that is open (`listInterruptedRecordings` leaves those out).
   *
   * @example
   * ```ts
   * const [latest] = (await store.interrupted()).reverse();
   * ```
   */
  async interrupted(): Promise<RecordingMeta[]> {
    return (await this.list()).filter((meta) => !meta.finished);
  }

  /**
   * The chunks of `id` in order, as one Blob read from the files when it is read (not now).
   *
   * @example
   * ```ts
   * const raw = await store.chunks(meta.id); // a WebM without Duration or Cues
   * ```
   */
  async chunks(id: string): Promise<Blob> {
    return (await this.#recording(id)).chunks();
  }

  /**
   * The file the seekable WebM of `id` is written to (made empty if new).
   *
   * @example
   * ```ts
   * import { remuxToSeekable } from 'peerstage/record';
   * const seekable = await remuxToSeekable(await store.chunks(meta.id), { file: await store.seekableFile(meta.id) });
   * ```
   */
  async seekableFile(id: string): Promise<FileSystemFileHandle> {
    return (await this.#recording(id)).seekableFile();
  }

  /**
   * The seekable file of `id` as it is stored; a {@link RecordError} `'not-found'` when it was
   * never made, or is empty (a rewrite that never finished).
   *
   * @example
   * ```ts
   * video.src = URL.createObjectURL(await store.seekable(meta.id));
   * ```
   */
  async seekable(id: string): Promise<File> {
    return (await this.#recording(id)).seekable();
  }

  /**
   * Removes the seekable file of `id`, if any, keeping its record and chunks: after a rewrite
   * that failed (on a full disk, a part-written file only takes space).
   *
   * @example
   * ```ts
   * await store.deleteSeekable(meta.id);
   * ```
   */
  async deleteSeekable(id: string): Promise<void> {
    await (await this.#recording(id)).deleteSeekable();
  }

  /**
   * The name of the Web Lock a page holds while it has recording `id` (records it, saves it,
   * keeps it finished): unique per store folder and recording.
   *
   * @example
   * ```ts
   * import { heldRecordingLocks } from 'peerstage/record';
   * const held = await heldRecordingLocks();
   * const busy = held.has(store.lockName(meta.id));
   * ```
   */
  lockName(id: string): string {
    return `${RECORDING_LOCK_PREFIX}${this.#folder.name}/${id}`;
  }

  /**
   * Removes the chunks of `id`, keeping its record and seekable file.
   *
   * @example
   * ```ts
   * await store.deleteChunks(meta.id); // once the seekable file is written
   * ```
   */
  async deleteChunks(id: string): Promise<void> {
    await (await this.#recording(id)).deleteChunks();
  }

  /**
   * Removes recording `id` and everything of it. Files handed out from it cannot be read after.
   *
   * @example
   * ```ts
   * await store.delete(meta.id);
   * ```
   */
  async delete(id: string): Promise<void> {
    await this.#recording(id);
    await storageStep('delete a recording', () => this.#folder.removeEntry(id, { recursive: true }));
  }

  async #recording(id: string): Promise<RecordingFolder> {
    try {
      return new RecordingFolder(await this.#folder.getDirectoryHandle(id), id);
    } catch (cause) {
      // A name no folder can have ('..', '') is a TypeError: no such recording either.
      if (cause instanceof TypeError || (cause instanceof DOMException && cause.name === 'NotFoundError')) {
        throw new RecordError('not-found', `No stored recording ${id}`, { cause });
      }
      throw new RecordError('storage', `Could not open recording ${id}`, { cause });
    }
  }
}
