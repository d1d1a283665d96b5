/**
 * File names the panel offers, one per recording: recordingFileName is to the minute, so two
 * recordings of one room in one minute would otherwise download under the same name.
 */

/**
 * Hands out `fileName`, or, when already handed out, the same name with `-2`, `-3`… before the
 * extension.
 *
 * @example
 * ```ts
 * const names = recordingNames();
 * names.take('peerstage-jam-2026-12-03-2240.webm'); // 'peerstage-jam-2026-12-03-2240.webm'
 * names.take('peerstage-jam-2026-12-03-2240.webm'); // 'peerstage-jam-2026-12-03-2240-2.webm'
 * ```
 */
export function recordingNames(): { take(fileName: string): string } {
  const taken = new Set<string>();
  return {
    take(fileName) {
      const dot = fileName.lastIndexOf('.');
      const [stem, extension] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
      let name = fileName;
      for (let copy = 2; taken.has(name); copy += 1) name = `${stem}-${copy}${extension}`;
      taken.add(name);
      return name;
    },
  };
}
