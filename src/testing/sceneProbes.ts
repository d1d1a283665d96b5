/**
 * Test-only probes for the three.js stage: colours read back from the WebGL canvas (from
 * pixelProbes.ts, which stories use too), and a ledger of the `<video>` elements the code
 * under test makes.
 */
import { vi } from 'vitest';

export { colourShare, hexToRgb, readAll, readSquare, type Rgb } from './pixelProbes.ts';

/**
 * Spies on `document.createElement` and keeps every `<video>` made from now on, so a test can
 * tell how many still hold a stream. Undone by `vi.restoreAllMocks()`.
 */
export function videoElementLedger(): { readonly created: readonly HTMLVideoElement[]; live: () => number } {
  const created: HTMLVideoElement[] = [];
  const create = document.createElement.bind(document);
  vi.spyOn(document, 'createElement').mockImplementation((tagName: string, options?: ElementCreationOptions) => {
    const element = create(tagName, options);
    if (element instanceof HTMLVideoElement) created.push(element);
    return element;
  });
  return { created, live: () => created.filter((video) => video.srcObject !== null || video.isConnected).length };
}
