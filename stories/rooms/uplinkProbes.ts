/**
 * What the Uplink budget story's play function reads off a member's card: the budget in force,
 * and each call's encodings against its share.
 */
import { expect, within } from 'storybook/test';
import type { CallEncodings } from '../../src/room/splitUplink.ts';
import { cell, type ReadRow } from './readingProbes.ts';

/** The budget a member's card says is in force, kbit/s. */
export function budgetInForce(card: HTMLElement): number {
  const value = within(card).getByRole('status', { name: 'Budget in force' }).querySelector('data')?.value;
  if (value === undefined) throw new Error('no budget in force shown yet');
  return Number(value) / 1_000;
}

/** Checks that every call in `rows` is set as `share` says, and sends (inside a `waitFor`). */
export function expectShare(rows: readonly ReadRow[], share: CallEncodings | undefined): void {
  expect(rows).toHaveLength(1);
  if (!share) throw new Error('no share for the call');
  for (const row of rows) {
    expect(cell(row, 'Audio ≤').value).toBe(share.audio.maxBitrate);
    expect(cell(row, 'Video ≤').value).toBe(share.video.maxBitrate);
    expect(cell(row, 'Video size ÷').value).toBe(share.video.scaleResolutionDownBy);
    expect(cell(row, 'Sending').value).toBeGreaterThan(0);
  }
}
