/**
 * Members in pages of their own, each in its own browser context (its own renderer process),
 * opened and driven by the harness (`exposeMemberPages` in bench/members.ts): the bench
 * page asks, a member page does.
 */
import type { BenchMember } from './memberApi.ts';

type Call = { [K in keyof BenchMember]: (index: number, ...args: Parameters<BenchMember[K]>) => ReturnType<BenchMember[K]> };

interface WithMemberPages {
  __openMembers?: (count: number, inFirefox: number, link: { uplinkBytesPerSecond: number; impairable: boolean }) => Promise<void>;
  __onMember?: (index: number, method: keyof BenchMember, args: unknown[]) => Promise<unknown>;
  __setPacketLoss?: (index: number, percent: number) => Promise<void>;
  __closeMembers?: () => Promise<void>;
}

function harness(): Required<WithMemberPages> {
  const page = globalThis as WithMemberPages;
  if (!page.__openMembers || !page.__onMember || !page.__setPacketLoss || !page.__closeMembers) {
    throw new Error('no member pages: run the bench through `npm run bench`');
  }
  return page as Required<WithMemberPages>;
}

/**
 * Opens `count` member pages (closing any open ones first); they stay until `closeMembers`.
 * The last `inFirefox` of them are Firefox pages, the rest Chromium pages. With
 * `uplinkBytesPerSecond`, each Chromium page's WebRTC sockets send no faster than that
 * (Chromium's network emulation), as over a home connection's upload; `impairable` Chromium
 * pages can lose packets later (`setPacketLoss`).
 *
 * @example
 * ```ts
 * await openMembers(6, { inFirefox: 2 }); // members 0–3 in Chromium, 4 and 5 in Firefox
 * await openMembers(6, { uplinkBytesPerSecond: 125_000 }); // six members on 1 Mbit/s uplinks
 * ```
 */
export const openMembers = (
  count: number,
  {
    inFirefox = 0,
    uplinkBytesPerSecond = -1,
    impairable = false,
  }: { inFirefox?: number; uplinkBytesPerSecond?: number; impairable?: boolean } = {},
): Promise<void> => harness().__openMembers(count, inFirefox, { uplinkBytesPerSecond, impairable });

/**
 * Drops `percent` of member `index`'s WebRTC packets, both ways, from now on (100: its path is
 * gone; 0: back). Its signaling socket is not touched. The member must be opened `impairable`.
 *
 * @example
 * ```ts
 * await setPacketLoss(0, 100);
 * ```
 */
export const setPacketLoss = (index: number, percent: number): Promise<void> => harness().__setPacketLoss(index, percent);

/** Closes every member page. */
export const closeMembers = (): Promise<void> => harness().__closeMembers();

/** Calls a member page's {@link BenchMember} method, by index. */
export const onMember = new Proxy({} as Call, {
  get:
    (_, method: keyof BenchMember) =>
    (index: number, ...args: unknown[]) =>
      harness().__onMember(index, method, args),
});

/**
 * Where each of the members at `indices` stands in its last join, a line each: for the error
 * of a round that does not come together.
 *
 * @example
 * ```ts
 * await withinLimit('a room of 6', joins, 90_000, () => joinProgress([0, 1, 2, 3, 4, 5]));
 * ```
 */
export async function joinProgress(indices: readonly number[]): Promise<string> {
  const lines = await Promise.all(indices.map((index) => onMember.joinProgress(index).then((line) => `member ${index}: ${line}`)));
  return lines.join('\n');
}
