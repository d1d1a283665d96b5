/**
 * One recording's folder in the recording store (RecordingStore.ts): its metadata record, its chunk files and,
 * once made, its seekable file.
 */
import { RecordError } from './RecordError.ts';
import { parseRecordingMeta, type RecordingMeta } from './RecordingMeta.ts';
import { storageError, storageStep } from './storageStep.ts';

const META_FILE = 'meta.json';
const SEEKABLE_FILE = 'recording.webm';
const CHUNK_PATTERN = /^chunk-(\d+)\.webm$/;

/**
 * Each chunk is its own file, written and closed as it comes: a file stream's writes reach
 * the file only when it is closed, so one long-open file would lose everything in a crash,
 * and reopening one file per chunk copies all of it each time. Chunk files are closed at
 * once, cost nothing to add, and read back in order as one Blob backed by the files.
 */
export class RecordingFolder {
  readonly #folder: FileSystemDirectoryHandle;
  readonly #id: string;

  /** The folder of recording `id`. */
  constructor(folder: FileSystemDirectoryHandle, id: string) {
    this.#folder = folder;
    this.#id = id;
  }

  /** Writes the metadata record. */
  async writeMeta(meta: RecordingMeta): Promise<void> {
    await writeFile(this.#folder, META_FILE, JSON.stringify(meta));
  }

  /** The metadata record; a {@link RecordError} `'storage'` when it is damaged. */
  async meta(): Promise<RecordingMeta> {
    const folder = this.#folder;
    const text = await storageStep('read a metadata record', async () => (await (await folder.getFileHandle(META_FILE)).getFile()).text());
    const meta = parseRecordingMeta(text);
    if (!meta) throw new RecordError('storage', `The metadata record of recording ${this.#id} is damaged`);
    return meta;
  }

  /** Stores chunk number `index` (from 0). */
  async append(index: number, chunk: Blob): Promise<void> {
    const name = `chunk-${String(index).padStart(6, '0')}.webm`;
    try {
      await writeFile(this.#folder, name, chunk);
    } catch (error) {
      // The write was aborted, but the file it was to fill exists, empty: no chunk is better
      // than an empty one in a recording that is kept.
      await this.#folder.removeEntry(name).catch(() => undefined);
      throw error;
    }
  }

  /** The chunks in order, as one Blob of the record's type, read from the files when it is read. */
  async chunks(): Promise<Blob> {
    const meta = await this.meta();
    const numbered: { index: number; file: File }[] = [];
    for await (const [name, handle] of this.#folder.entries()) {
      const match = CHUNK_PATTERN.exec(name);
      if (match?.[1] === undefined || handle.kind !== 'file') continue;
      numbered.push({ index: Number(match[1]), file: await storageStep('read a chunk', () => (handle as FileSystemFileHandle).getFile()) });
    }
    numbered.sort((a, b) => a.index - b.index);
    return new Blob(
      numbered.map(({ file }) => file),
      { type: meta.mimeType },
    );
  }

  /** Removes the chunks, keeping the record and the seekable file. */
  async deleteChunks(): Promise<void> {
    const folder = this.#folder;
    const names: string[] = [];
    for await (const name of folder.keys()) if (CHUNK_PATTERN.test(name)) names.push(name);
    for (const name of names) await storageStep('delete a chunk', () => folder.removeEntry(name));
  }

  /** The file the seekable WebM is written to (made empty if new). */
  seekableFile(): Promise<FileSystemFileHandle> {
    return storageStep('make the seekable file', () => this.#folder.getFileHandle(SEEKABLE_FILE, { create: true }));
  }

  /** The seekable file as it is stored; a {@link RecordError} `'not-found'` when never made, or empty. */
  async seekable(): Promise<File> {
    let file: File;
    try {
      file = await (await this.#folder.getFileHandle(SEEKABLE_FILE)).getFile();
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'NotFoundError')
        throw new RecordError('not-found', `Recording ${this.#id} has no seekable file`, { cause });
      throw storageError('read the seekable file', cause);
    }
    if (file.size === 0) throw new RecordError('not-found', `The seekable file of recording ${this.#id} is empty`);
    return file;
  }

  /** Removes the seekable file, if any. */
  async deleteSeekable(): Promise<void> {
    try {
      await this.#folder.removeEntry(SEEKABLE_FILE);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'NotFoundError') return;
      throw storageError('delete the seekable file', cause);
    }
  }
}

async function writeFile(folder: FileSystemDirectoryHandle, name: string, data: Blob | string): Promise<void> {
  await storageStep(`write ${name}`, async () => {
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
