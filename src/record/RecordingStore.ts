/**
 * Recordings kept in the Origin Private File System while they are made: a folder per
 * recording with its chunks, its metadata record and, once made, the seekable file.
 */
import { RecordError } from './RecordError.ts';
import { parseRecordingMeta, RECORDING_META_VERSION, type RecordingMeta } from './RecordingMeta.ts';

/** The store's folder under the origin's root. */
export const DEFAULT_RECORDINGS_FOLDER = 'peerstage-recordings';

const META_FILE = 'meta.json';
const SEEKABLE_FILE = 'recording.webm';
const CHUNK_PATTERN = /^chunk-(\d+)\.webm$/;

export interface OpenRecordingStoreOptions {
  /** Folder name under the root. Default {@link DEFAULT_RECORDINGS_FOLDER}. */
  readonly folder?: string;
  /** The root to keep it under. Default `navigator.storage.getDirectory()`. */
  readonly root?: FileSystemDirectoryHandle;
}

export interface NewRecording {
  readonly room?: string;
  readonly name?: string;
  readonly mimeType: string;
  /** Default now. */
  readonly startedAt?: number;
}

/**
 * Each chunk is its own file, written and closed as it comes: a file stream's writes reach
 * the file only when it is closed, so one long-open file would lose everything in a crash,
 * and reopening one file per chunk copies all of it each time. Chunk files are closed at
 * once, cost nothing to add, and read back in order as one Blob backed by the files.
 *
 * @example
 * ```ts
 * const store = await RecordingStore.open();
 * for (const meta of await store.interrupted()) console.log('left over:', meta.id, new Date(meta.startedAt));
 * ```
 */
export class RecordingStore {
  private readonly folder: FileSystemDirectoryHandle;

  private constructor(folder: FileSystemDirectoryHandle) {
    this.folder = folder;
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
      root = await storage('open the origin private file system', () => navigator.storage.getDirectory());
    }
    const base = root;
    const folder = await storage('open the recordings folder', () => base.getDirectoryHandle(options.folder ?? DEFAULT_RECORDINGS_FOLDER, { create: true }));
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
      id: `rec-${startedAt}-${crypto.randomUUID().slice(0, 8)}`,
      ...(recording.room === undefined ? {} : { room: recording.room }),
      ...(recording.name === undefined ? {} : { name: recording.name }),
      startedAt,
      mimeType: recording.mimeType,
      finished: false,
    };
    const folder = await storage('make a recording folder', () => this.folder.getDirectoryHandle(meta.id, { create: true }));
    await writeFile(folder, META_FILE, JSON.stringify(meta));
    return meta;
  }

  /**
   * Stores chunk number `index` (from 0) of recording `id`.
   *
   * @example
   * ```ts
   * recorder.ondataavailable = (event) => void store.append(meta.id, index++, event.data);
   * ```
   */
  async append(id: string, index: number, chunk: Blob): Promise<void> {
    await writeFile(await this.folderOf(id), `chunk-${String(index).padStart(6, '0')}.webm`, chunk);
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
    const finished: RecordingMeta = { ...(await this.meta(id)), finished: true };
    await writeFile(await this.folderOf(id), META_FILE, JSON.stringify(finished));
    return finished;
  }

  /**
   * The metadata record of `id`; a {@link RecordError} `'not-found'` when there is none.
   *
   * @example
   * ```ts
   * const { room, startedAt } = await store.meta(id);
   * ```
   */
  async meta(id: string): Promise<RecordingMeta> {
    const folder = await this.folderOf(id);
    const text = await storage('read a metadata record', async () => (await (await folder.getFileHandle(META_FILE)).getFile()).text());
    const meta = parseRecordingMeta(text);
    if (!meta) throw new RecordError('storage', `The metadata record of recording ${id} is damaged`);
    return meta;
  }

  /**
   * Every stored recording with a readable metadata record, oldest first.
   *
   * @example
   * ```ts
   * const all = await store.list();
   * ```
   */
  async list(): Promise<RecordingMeta[]> {
    const metas: RecordingMeta[] = [];
    for await (const [name, handle] of this.folder.entries()) {
      if (handle.kind !== 'directory') continue;
      // A folder whose record never got written is not a recording anyone can name.
      const meta = await this.meta(name).catch(() => null);
      if (meta) metas.push(meta);
    }
    return metas.sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Recordings without the finished marker: left by a closed or crashed tab.
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
    const folder = await this.folderOf(id);
    const meta = await this.meta(id);
    const numbered: { index: number; file: File }[] = [];
    for await (const [name, handle] of folder.entries()) {
      const match = CHUNK_PATTERN.exec(name);
      if (match?.[1] === undefined || handle.kind !== 'file') continue;
      numbered.push({ index: Number(match[1]), file: await storage('read a chunk', () => (handle as FileSystemFileHandle).getFile()) });
    }
    numbered.sort((a, b) => a.index - b.index);
    return new Blob(
      numbered.map(({ file }) => file),
      { type: meta.mimeType },
    );
  }

  /**
   * The file the seekable WebM of `id` is written to (made empty if new).
   *
   * @example
   * ```ts
   * const seekable = await remuxToSeekable(await store.chunks(id), { file: await store.seekableFile(id) });
   * ```
   */
  async seekableFile(id: string): Promise<FileSystemFileHandle> {
    const folder = await this.folderOf(id);
    return storage('make the seekable file', () => folder.getFileHandle(SEEKABLE_FILE, { create: true }));
  }

  /**
   * Removes the chunks of `id`, keeping its record and seekable file.
   *
   * @example
   * ```ts
   * await store.deleteChunks(id); // once the seekable file is written
   * ```
   */
  async deleteChunks(id: string): Promise<void> {
    const folder = await this.folderOf(id);
    const names: string[] = [];
    for await (const name of folder.keys()) if (CHUNK_PATTERN.test(name)) names.push(name);
    for (const name of names) await storage('delete a chunk', () => folder.removeEntry(name));
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
    await this.folderOf(id);
    await storage('delete a recording', () => this.folder.removeEntry(id, { recursive: true }));
  }

  private async folderOf(id: string): Promise<FileSystemDirectoryHandle> {
    try {
      return await this.folder.getDirectoryHandle(id);
    } catch (cause) {
      // A name no folder can have ('..', '') is a TypeError: no such recording either.
      if (cause instanceof TypeError || (cause instanceof DOMException && cause.name === 'NotFoundError')) {
        throw new RecordError('not-found', `No stored recording ${id}`, { cause });
      }
      throw new RecordError('storage', `Could not open recording ${id}`, { cause });
    }
  }
}

async function writeFile(folder: FileSystemDirectoryHandle, name: string, data: Blob | string): Promise<void> {
  await storage(`write ${name}`, async () => {
    const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
    try {
      await writable.write(data);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
  });
}

/** Runs one file-system step, reporting its failure as a RecordError `'storage'`. */
async function storage<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof RecordError) throw cause;
    throw new RecordError('storage', `Could not ${what}`, { cause });
  }
}
