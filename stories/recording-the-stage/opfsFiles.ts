/**
 * What a recording keeps in the Origin Private File System, shown as it changes: its metadata
 * record, one file per chunk while it records, and the seekable file once made.
 */
import { EMPTY, from, ignoreElements, interval, startWith, switchMap, tap, type Observable } from 'rxjs';
import { el, labelled } from '../peer-basics/el.ts';
import { sizeText } from '../../src/app/recordingTime.ts';

/** Often enough to see each chunk land (the shortest timeslice the story offers is 500 ms). */
const REFRESH_MS = 500;

export interface StoredFile {
  readonly name: string;
  readonly bytes: number;
}

/** Names the play functions find things by. */
export const OPFS_FILES = 'Files on OPFS';

/**
 * The files in `<folder>/<id>` under the origin's private root, by name; none when it is gone.
 *
 * @example
 * ```ts
 * await storedFiles('peerstage-recordings', meta.id); // [{ name: 'chunk-000000.webm', bytes: 412_345 }, …]
 * ```
 */
export async function storedFiles(folder: string, id: string): Promise<StoredFile[]> {
  try {
    const root = await navigator.storage.getDirectory();
    const recording = await (await root.getDirectoryHandle(folder)).getDirectoryHandle(id);
    const files: StoredFile[] = [];
    for await (const [name, handle] of recording.entries()) {
      if (handle.kind === 'file') files.push({ name, bytes: (await (handle as FileSystemFileHandle).getFile()).size });
    }
    return files.sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

/**
 * A list named "Files on OPFS" showing the files of the recording `id$` names, re-read every
 * half second; subscribe `refresh$` to keep it current.
 *
 * @example
 * ```ts
 * const files = opfsFilesView('peerstage-recordings', currentId$);
 * lifetime.add(files.refresh$.subscribe());
 * ```
 */
export function opfsFilesView(
  folder: string,
  id$: Observable<string | null>,
): { readonly element: HTMLElement; readonly refresh$: Observable<never> } {
  const list = labelled(el('ul'), OPFS_FILES);
  const refresh$ = id$.pipe(
    switchMap((id) =>
      id === null
        ? EMPTY
        : interval(REFRESH_MS).pipe(
            startWith(0),
            switchMap(() => from(storedFiles(folder, id))),
            tap((files) =>
              list.replaceChildren(...files.map(({ name, bytes }) => el('li', {}, el('code', {}, name), ` ${sizeText(bytes)}`))),
            ),
          ),
    ),
    ignoreElements(),
  );
  return { element: list, refresh$ };
}
