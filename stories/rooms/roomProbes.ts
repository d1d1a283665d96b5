/**
 * What the Rooms play functions read off a member's card: its roster, its videos, its logs.
 * Each member's card is a region named after it, so every reading is about one member.
 */
import { expect, waitFor, within } from 'storybook/test';
import { waitUntilPlaying } from '../peer-basics/videoProbes.ts';

/** Long enough for three members to find each other, admit each other and call each other on a busy machine. */
export const ROOM_TIMEOUT_MS = 20_000;

/** Options for `waitFor` on anything that crosses the network. */
export const slow = { timeout: ROOM_TIMEOUT_MS } as const;

/** A card's status line: whether its member is in the room. */
export const status = (card: HTMLElement) => within(card).getByRole('status', { name: 'Status' });

/**
 * The card of the member named `name`.
 *
 * @example
 * ```ts
 * const ada = cardOf(canvasElement, 'Ada');
 * ```
 */
export function cardOf(canvasElement: HTMLElement, name: string): HTMLElement {
  return within(canvasElement).getByRole('region', { name });
}

/** The members a card lists, by name, sorted. */
export function rosterNames(card: HTMLElement): string[] {
  return Array.from(roster(card).querySelectorAll('li > strong'), (name) => name.textContent).sort();
}

/** The IDs a card lists, in roster order. */
export function rosterIds(card: HTMLElement): string[] {
  return Array.from(roster(card).querySelectorAll('li > code'), (id) => id.textContent);
}

/** The ID a card's `self$` showed, or '–' while out. */
export function selfId(card: HTMLElement): string {
  return within(card).getByRole('status', { name: 'ID' }).textContent;
}

/** The text of each line of the list named `name` in a card. */
export function lines(card: HTMLElement, name: string): string[] {
  return Array.from(within(card).getByRole('list', { name }).querySelectorAll('li'), (line) => line.textContent);
}

/** The `<video>`s a card shows for the other members. */
export function remoteVideos(card: HTMLElement): HTMLVideoElement[] {
  return Array.from(within(card).getByLabelText('Videos').querySelectorAll('video'));
}

/**
 * Waits until each card lists exactly the other members, by name.
 *
 * @example
 * ```ts
 * await waitForFullRoster(canvasElement, ['Ada', 'Bo', 'Cy']);
 * ```
 */
export async function waitForFullRoster(canvasElement: HTMLElement, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const others = names.filter((other) => other !== name).sort();
    await waitFor(() => expect(rosterNames(cardOf(canvasElement, name))).toEqual(others), slow);
  }
}

/**
 * Waits until a card shows one playing video per other member.
 *
 * @example
 * ```ts
 * await waitForVideos(cardOf(canvasElement, 'Ada'), 2);
 * ```
 */
export async function waitForVideos(card: HTMLElement, count: number): Promise<void> {
  await waitFor(() => expect(remoteVideos(card)).toHaveLength(count), slow);
  for (const video of remoteVideos(card)) await waitUntilPlaying(video, ROOM_TIMEOUT_MS);
}

function roster(card: HTMLElement): HTMLElement {
  return within(card).getByRole('list', { name: 'Roster' });
}
