/**
 * The recording's running figures as people read them: minutes and seconds, and a size.
 */

/**
 * `m:ss` of a duration in ms (hours as `h:mm:ss`); with `tenths`, `m:ss.t`, for a clock that
 * is read against a file's duration.
 *
 * @example
 * ```ts
 * clockText(65_400); // → '1:05'
 * clockText(65_400, { tenths: true }); // → '1:05.4'
 * ```
 */
export function clockText(ms: number, options: { readonly tenths?: boolean } = {}): string {
  const totalTenths = Math.max(0, Math.floor(ms / 100));
  const total = Math.floor(totalTenths / 10);
  const seconds = String(total % 60).padStart(2, '0') + (options.tenths ? `.${totalTenths % 10}` : '');
  const minutes = Math.floor(total / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * A byte count in kB or MB (powers of 1000, as file managers show them).
 *
 * @example
 * ```ts
 * sizeText(1_234_567); // → '1.2 MB'
 * ```
 */
export function sizeText(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
