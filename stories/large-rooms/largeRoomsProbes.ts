/**
 * What the Large rooms play functions read: a room meter's rows (roomMeter.ts) inside its region,
 * and the members' median uplink.
 */
import { expect, waitFor, within } from 'storybook/test';
import { cell, type ReadRow, readingRows } from '../rooms/readingProbes.ts';
import { slow } from '../rooms/roomProbes.ts';

/** The region of a room meter ("On the mesh", "On Janus"). */
export function meterRegion(canvasElement: HTMLElement, title: string): HTMLElement {
  return within(canvasElement).getByRole('region', { name: title });
}

/** A meter's rows, one per member in its room. */
export function meterRows(region: HTMLElement, title: string): ReadRow[] {
  return readingRows(region, `Uplink ${title.toLowerCase()}`);
}

/** What a settled room should show: its size, and each member's connections and copies. */
export interface SettledRoom {
  readonly members: number;
  readonly connections: number;
  readonly copies: number;
}

/** Long enough for a fresh call's encoder and bandwidth estimate to leave their start behind. */
const WARM_UP_MS = 3_000;

/**
 * Waits until the room has `members` rows, each on `connections` connections sending `copies`
 * copies, with a rate read over two seconds or more of just those senders; then, for calls
 * that just started (`warmUp`), lets them run a while and reads again. Returns the members'
 * median rate, bit/s.
 *
 * @example
 * ```ts
 * const threeBps = await settledUplink(canvasElement, 'On the mesh', { members: 3, connections: 4, copies: 2 }, { warmUp: true });
 * ```
 */
export async function settledUplink(
  canvasElement: HTMLElement,
  title: string,
  expected: SettledRoom,
  options: { readonly warmUp?: boolean } = {},
): Promise<number> {
  const first = await readSettled(canvasElement, title, expected);
  if (!options.warmUp) return first;
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  return readSettled(canvasElement, title, expected);
}

async function readSettled(canvasElement: HTMLElement, title: string, expected: SettledRoom): Promise<number> {
  let rates: number[] = [];
  await waitFor(() => {
    const rows = meterRows(meterRegion(canvasElement, title), title);
    expect(rows).toHaveLength(expected.members);
    for (const row of rows) {
      expect(cell(row, 'Connections').value).toBe(expected.connections);
      expect(cell(row, 'Video copies').value).toBe(expected.copies);
      expect(cell(row, 'Sending').value).toBeGreaterThan(0);
      expect(cell(row, 'Over').value).toBeGreaterThanOrEqual(2);
    }
    rates = rows.map((row) => cell(row, 'Sending').value ?? 0);
  }, slow);
  const sorted = rates.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
