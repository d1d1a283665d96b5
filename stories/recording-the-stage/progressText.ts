/**
 * A recording's progress as people read it: a running clock and a file size.
 */

/**
 * `ms` as minutes, seconds and tenths: `1:04.3`.
 *
 * @example
 * ```ts
 * clockText(64_321); // '1:04.3'
 * ```
 */
export function clockText(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = ((tenths % 600) / 10).toFixed(1).padStart(4, '0');
  return `${minutes}:${seconds}`;
}

/**
 * `bytes` in kB below a megabyte, else in MB (powers of ten, as file managers show them).
 *
 * @example
 * ```ts
 * sizeText(1_234_567); // '1.23 MB'
 * ```
 */
export function sizeText(bytes: number): string {
  return bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(2)} MB`;
}
