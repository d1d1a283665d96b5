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
 * A byte count in kB, MB or GB (powers of 1000, as file managers show them).
 *
 * @example
 * ```ts
 * sizeText(1_234_567); // → '1.2 MB'
 * ```
 */
export function sizeText(bytes: number): string {
  const safe = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
  // Below 999.5 kB: rounding to whole kB would otherwise show '1000 kB'.
  if (safe < 999_500) return `${Math.round(safe / 1_000)} kB`;
  if (safe < 999_950_000) return `${(safe / 1_000_000).toFixed(1)} MB`;
  return `${(safe / 1_000_000_000).toFixed(1)} GB`;
}

/**
 * A recording's length as `m:ss` from its file's duration in seconds; `null` (a file whose
 * duration is unknown or nonsense, as a damaged file's may be) reads "length unknown".
 *
 * @example
 * ```ts
 * lengthText(42.7); // → '0:42'
 * lengthText(null); // → 'length unknown'
 * ```
 */
export function lengthText(durationS: number | null): string {
  if (durationS === null || !Number.isFinite(durationS) || durationS < 0) return 'length unknown';
  return clockText(durationS * 1_000);
}

/** When a recording was made, for a `<time>`: what people read and the machine-readable form. */
export interface MadeAt {
  readonly text: string;
  /** ISO 8601, for `datetime`. */
  readonly iso: string;
}

/**
 * `startedAt` (ms since the epoch) as the local date and time, or `null` for a time no date
 * can have (a stored record is not trusted to hold a sane one).
 *
 * @example
 * ```ts
 * madeAtText(Date.now())?.text; // e.g. '3 Dec 2026, 22:40'
 * ```
 */
export function madeAtText(startedAt: number): MadeAt | null {
  const date = new Date(startedAt);
  if (Number.isNaN(date.getTime())) return null;
  const text = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return { text, iso: date.toISOString() };
}
