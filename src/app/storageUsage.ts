/**
 * How much of the browser's storage this site uses, said in words: recordings stay in it until
 * deleted, so people should see what they take.
 */
import { sizeText } from './recordingTime.ts';

/**
 * A sentence like "This site uses 48 MB of this browser's storage (about 10.2 GB allowed).",
 * or `null` when the browser does not say (no `navigator.storage.estimate`, or it refused).
 *
 * @example
 * ```ts
 * declare const hint: HTMLElement;
 * const said = await storageUsageText();
 * if (said) hint.textContent = said;
 * ```
 */
export async function storageUsageText(): Promise<string | null> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return null;
  try {
    const { usage, quota } = await navigator.storage.estimate();
    if (usage === undefined) return null;
    const allowed = quota === undefined ? '' : ` (about ${sizeText(quota)} allowed)`;
    return `This site uses ${sizeText(usage)} of this browser’s storage${allowed}.`;
  } catch {
    return null;
  }
}
