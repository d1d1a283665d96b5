/**
 * Story 7, "Uplink budget": every member joins with the same `uplinkKbps`; each card shows, per
 * call it places, what the budget set on the call's senders and what the call sends. Beside
 * them, what `splitUplink` gives for that budget at each number of calls. The first member
 * shows the others' videos small (`showVideoAt`), so their calls to it send less.
 */
import type { Subscription } from 'rxjs';
import { AUDIO_KBPS, MIN_VIDEO_KBPS, splitUplink } from '../../src/room/splitUplink.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { membersRow } from './memberCard.ts';
import { placedCalls } from './placedCalls.ts';
import { kbps, reading, readingTable } from './readingTable.ts';
import { storyRoomId } from './storyRoomId.ts';
import { uplinkPart } from './uplinkPart.ts';
import { viewPart } from './viewPart.ts';
import { virtualMember, type MemberSpec } from './virtualMember.ts';

export interface UplinkBudgetArgs {
  /** What each member may upload over all its calls together, in kbit/s. */
  readonly uplinkKbps: number;
  /** How many members join the room. */
  readonly members: number;
  /** How tall the first member shows the others' videos, in pixels (4:3); 0 for any size. */
  readonly firstShowsOthersAt: number;
}

/** The size the first member shows the others' videos at, or `null` for any size. */
export function firstMemberView(args: UplinkBudgetArgs): { width: number; height: number } | null {
  const height = Math.round(args.firstShowsOthersAt);
  return height >= 1 ? { width: Math.round((height * 4) / 3), height } : null;
}

/** The members, in the order they are taken: a name, a colour and a tone each. */
export const UPLINK_MEMBERS: readonly Omit<MemberSpec, 'join'>[] = [
  { name: 'Ada', color: '#2b4c7e', frequency: 440 },
  { name: 'Bo', color: '#3a7d44', frequency: 550 },
  { name: 'Cy', color: '#d9822b', frequency: 660 },
  { name: 'Di', color: '#7e2b6c', frequency: 770 },
  { name: 'Ed', color: '#2b7e7a', frequency: 880 },
];

/** The `members` the story takes: 2 to {@link UPLINK_MEMBERS}' length (whole numbers). */
export function memberCount(members: number): number {
  return Math.min(UPLINK_MEMBERS.length, Math.max(2, Math.round(members)));
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderUplinkBudget(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderUplinkBudget(args: UplinkBudgetArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const members = UPLINK_MEMBERS.slice(0, memberCount(args.members)).map((spec, index) => {
    const calls = placedCalls();
    lifetime.add(() => calls.clear());
    const parts = index === 0 ? [viewPart(firstMemberView(args)), uplinkPart(calls)] : [uplinkPart(calls)];
    return virtualMember(
      { ...spec, join: { uplinkKbps: args.uplinkKbps, createPeer: calls.createPeer } },
      { roomId, toggle: true, parts },
      lifetime,
    );
  });
  const root = el('div', {}, splitTable(args.uplinkKbps), membersRow(...members.map((member) => member.card)));
  root.style.fontFamily = 'system-ui, sans-serif';
  return root;
}

/** What `splitUplink(uplinkKbps, calls)` gives for each number of calls a member here may place. */
function splitTable(uplinkKbps: number): HTMLElement {
  const table = readingTable(
    'splitUplink',
    ['Members', 'Calls each', 'Audio ≤', 'Video ≤', 'Video size ÷'],
    `splitUplink(${uplinkKbps}, calls): audio first (${AUDIO_KBPS} kbit/s), the rest split among the video senders (never below ${MIN_VIDEO_KBPS} kbit/s), smaller pictures for smaller shares.`,
  );
  for (let members = 2; members <= UPLINK_MEMBERS.length; members++) {
    const calls = members - 1;
    const { audio, video } = splitUplink(uplinkKbps, calls);
    const row = table.row(String(members));
    row.set('Calls each', String(calls));
    row.set('Audio ≤', reading(audio.maxBitrate, kbps));
    row.set('Video ≤', reading(video.maxBitrate, kbps));
    row.set(
      'Video size ÷',
      reading(video.scaleResolutionDownBy, (scale) => `÷ ${scale}`),
    );
  }
  const box = labelled(el('section', {}, el('h3', {}, `The rule for ${uplinkKbps} kbit/s`), table.root), 'The rule');
  box.style.marginBottom = '1rem';
  return box;
}
